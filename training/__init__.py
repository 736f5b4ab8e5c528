"""Offline training of clearbot's learned models (needs the ``train`` extra: scikit-learn)."""
