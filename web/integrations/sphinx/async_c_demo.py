"""async_c_demo.py - the async-c-demo directive for Sphinx (reST and MyST).

conf.py (with this file beside it):

    sys.path.insert(0, os.path.abspath("."))
    extensions = ["myst_parser", "async_c_demo"]
    async_c_demo_js = "https://YOUR-HOST/embed.js"   # added to every page as a module

A MyST page writes its C in an ordinary ```c block, then the directive, whose
content is the expected output (the fallback, shown before the script runs and
without JavaScript) and whose options are the element's attributes:

    ```{async-c-demo}
    :template: _static/main.c
    :clock: virtual
    hello
    ```
"""
from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

__version__ = "1.0"


class AsyncCDemo(SphinxDirective):
    """<async-c-demo>: the demo runs the code block just before it (or src, example)."""

    has_content = True
    option_spec = {
        **{k: directives.unchanged_required for k in ("src", "example", "template", "clock", "height", "theme")},
        "editable": directives.flag,
        "autorun": directives.flag,
    }

    def run(self):
        attrs = "".join(f' {k}="{escape(v or "")}"' for k, v in self.options.items())
        output = "\n".join(self.content).strip("\n")
        fallback = f'<p>Output</p><pre class="async-c-demo-output">{escape(output)}</pre>' if output.strip() else ""
        return [nodes.raw("", f"<async-c-demo{attrs}>{fallback}</async-c-demo>", format="html")]


def add_script(app):
    if app.config.async_c_demo_js:
        app.add_js_file(app.config.async_c_demo_js, type="module")


def setup(app):
    app.add_config_value("async_c_demo_js", None, "html")
    app.add_directive("async-c-demo", AsyncCDemo)
    app.connect("builder-inited", add_script)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
