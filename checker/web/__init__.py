"""`council-check serve`: the page for officials and the HTTP API for case-management systems.

Needs the optional extra: pip install 'council-checker[web]'. Nothing here is imported by `check`.
"""
