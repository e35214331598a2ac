"""Recovery Navigator: private, self-hostable help for drug and alcohol problems."""
