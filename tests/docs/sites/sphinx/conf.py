# The Sphinx + MyST site tests/docs builds (make test-docs): three demos, the
# Furo theme and its dark toggle. The Makefile copies it to build/docs/sphinx/,
# with ../shared/* in _extra/ and web/integrations/sphinx/async_c_demo.py
# beside this file, and builds it there.
import os
import sys

sys.path.insert(0, os.path.abspath("."))  # async_c_demo.py, beside conf.py

project = "Async C demos in Sphinx"
extensions = ["myst_parser", "async_c_demo"]
async_c_demo_js = "/playground/embed.js"
html_theme = "furo"
html_extra_path = ["_extra"]   # main.c, counter.c and favicon.svg, beside the pages
html_favicon = "_extra/favicon.svg"
html_static_path = ["_static"] # the Makefile's working build of Debian's furo.js
exclude_patterns = ["_build", "_extra"]
