"""The API's schemas: what each operation reads and answers, one module per area."""
