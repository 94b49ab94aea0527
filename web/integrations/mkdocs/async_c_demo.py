"""async_c_demo.py - ```async-c-demo fences in MkDocs (a pymdownx.superfences custom fence).

mkdocs.yml (with this file beside it, built with `PYTHONPATH=. mkdocs build`):

    markdown_extensions:
      - pymdownx.highlight
      - pymdownx.superfences:
          custom_fences:
            - name: async-c-demo
              class: async-c-demo
              validator: !!python/name:async_c_demo.validate
              format: !!python/name:async_c_demo.fence
    site_url: https://docs.example/   # Material's instant navigation needs it
    theme:
      name: material
      features: [navigation.instant]
      custom_dir: overrides   # overrides/main.html loads the script as a module:
                              # {% extends "base.html" %}{% block scripts %}{{ super() }}
                              # <script type="module" src="https://YOUR-HOST/embed.js"></script>{% endblock %}

A page writes its C in an ordinary ```c block, then the demo, whose fence holds
the expected output (the fallback, shown before the script runs and without
JavaScript) and whose options are the element's attributes:

    ```async-c-demo template="main.c" clock="virtual"
    hello
    ```
"""
from html import escape

# The element's attributes (web/embed/embed.js); the flags take no value.
ATTRIBUTES = ("src", "example", "template", "clock", "height", "theme")
FLAGS = ("editable", "autorun")


def validate(language, inputs, options, attrs, md):
    """Accept the element's attributes only: a typo fails the fence loudly (it renders as plain code)."""
    for key, value in inputs.items():
        if key not in ATTRIBUTES + FLAGS:
            return False
        options[key] = "" if key in FLAGS else value
    return True


def element(options, output):
    """<async-c-demo> with its attributes and, when given, the expected output as its fallback."""
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in options.items())
    fallback = f'<p>Output</p><pre class="async-c-demo-output">{escape(output.strip(chr(10)))}</pre>' if output.strip() else ""
    return f"<async-c-demo{attrs}>{fallback}</async-c-demo>"


def fence(source, language, class_name, options, md, **kwargs):
    """The custom fence's formatter."""
    # A block element for Python-Markdown, which would otherwise wrap it in a
    # <p>, and HTML parsers close that <p> (and the demo with it) at the fallback's <pre>.
    if "async-c-demo" not in md.block_level_elements:
        md.block_level_elements.append("async-c-demo")
    return element(options, source)
