"""Brief files: reading YAML, JSON and Markdown briefs, writing them back."""
