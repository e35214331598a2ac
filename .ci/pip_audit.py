"""Run pip-audit on the installed dependencies and say plainly what it could and could not check.

Fails (exit 1) on a known vulnerability that is not explained in .ci/pip-audit-ignore.txt.
When the vulnerability data cannot be reached (no network to PyPI/OSV), it reports that
nothing was audited and exits 0, so an offline CI run is not red for a reason outside the code.
"""

import json
import subprocess
import sys
from pathlib import Path

IGNORE_FILE = Path(__file__).with_name("pip-audit-ignore.txt")


def ignored() -> dict[str, str]:
    """`ID  reason` per line; every ignored advisory must say why it does not apply."""
    entries = {}
    if IGNORE_FILE.exists():
        for line in IGNORE_FILE.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                advisory, _, reason = line.partition(" ")
                entries[advisory] = reason.strip()
    return entries


def main() -> int:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print("pip-audit: NOT AUDITED - it could not run or reach the vulnerability data:")
        print((result.stderr or result.stdout).strip().splitlines()[-1:])
        return 0
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        print(
            f"pip-audit: NOT AUDITED - none of the {len(dependencies)} dependencies could be "
            "looked up (no network to PyPI's vulnerability data). Run `make audit` online."
        )
        return 0
    allowed = ignored()
    problems = []
    for dependency in audited:
        for vuln in dependency.get("vulns", []):
            if vuln["id"] in allowed:
                print(f"ignored {vuln['id']} in {dependency['name']}: {allowed[vuln['id']]}")
            else:
                fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
                problems.append(
                    f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})"
                )
    skipped = len(dependencies) - len(audited)
    print(
        f"pip-audit: {len(audited)} dependencies audited, {skipped} skipped, "
        f"{len(problems)} unexplained vulnerabilities."
    )
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
