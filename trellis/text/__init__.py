"""Pure text utilities (no Django): normalisation and the topic vocabulary.

Shared by profile linking, the matching engine and the linters.
"""
