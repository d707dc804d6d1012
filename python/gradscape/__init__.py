"""gradscape in a notebook: the optimizer playground's figure as an anywidget.

``Figure(scene, loss=False, lang="en")`` draws a scene (a dict in gradscape's
scene format, see the repository's README "Scenes"); ``Playground(scene)``
adds an η slider per optimizer. The numbers come from the same WebAssembly
the web page runs, shipped inside this package and sent to the browser as
bytes: no server, no Rust, nothing fetched.
"""

from __future__ import annotations

import json
import math
import os
import pathlib
from typing import Any, Callable, Mapping, Optional, Union

import anywidget
import traitlets

__all__ = ["Figure", "Playground", "__version__"]
__version__ = "0.1.0"

_HERE = pathlib.Path(__file__).parent
_STATIC = _HERE / "static"


def _read(name: str) -> bytes:
    path = _STATIC / name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        # Only a source checkout without `make wheel` lacks them.
        raise ImportError(
            f"gradscape: {path} is missing; build the package with `make wheel` "
            "(it copies the release build into gradscape/static/)"
        ) from None


# The wasm-bindgen glue (an ES module, imported from a Blob URL in the
# browser) and the wasm itself: anywidget loads `_esm` from a Blob URL, so
# nothing can be fetched relative to it; both travel as trait values.
_GLUE = _read("gradscape.js").decode("utf-8")
_WASM = _read("gradscape_bg.wasm")
# The Chinese tables (the wasm is built without them), installed before a
# figure is mounted.
_ZH = _read("zh.json").decode("utf-8")


def _plain(value: Any) -> Any:
    """The scene as plain JSON values. Non-finite numbers become the strings
    "NaN", "Infinity", "-Infinity", so that the wasm names the field in its
    error (JSON has no NaN) instead of the value vanishing on the way."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Figure(anywidget.AnyWidget):
    """A gradscape figure: the loss contours with every optimizer's path, a
    play/step bar, a scrubber, a legend, and with ``loss=True`` the loss chart.

    ``scene`` is synced both ways: assign a new dict to redraw (changing the
    dict in place is not seen). ``error`` is the field-named message of the
    last scene the browser refused ("" when it drew it); the figure then
    keeps the last good scene.
    """

    _esm = _HERE / "widget.js"
    _css = _HERE / "widget.css"
    _glue = traitlets.Unicode(_GLUE).tag(sync=True)
    _wasm = traitlets.Bytes(_WASM).tag(sync=True)
    _zh = traitlets.Unicode(_ZH).tag(sync=True)
    _controls = traitlets.Bool(False).tag(sync=True)

    scene = traitlets.Dict().tag(sync=True)
    loss = traitlets.Bool(False).tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    # Why the browser could not draw the last save_svg ("" when it did).
    saved_error = traitlets.Unicode("")
    # Written by the browser after each scene it reads: {"scene": the scene
    # as received, "version": 1, "runs": [...]} or {"scene": …, "error": …}.
    trajectories = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        scene: Union[Mapping[str, Any], str, None] = None,
        loss: bool = False,
        lang: str = "en",
        **kwargs: Any,
    ) -> None:
        if scene is None:
            scene = {}
        elif isinstance(scene, (str, bytes)):
            # JSON text, e.g. a scene file's contents or the page's export.
            scene = json.loads(scene)
        super().__init__(scene=scene, loss=loss, lang=lang, **kwargs)
        # save_svg's requests by number, answered by the browser.
        self._asked = 0
        self._pending: dict = {}
        self.on_msg(self._answer)

    @traitlets.validate("scene")
    def _scene(self, proposal: Any) -> dict:
        return _plain(proposal["value"])

    @traitlets.validate("lang")
    def _lang(self, proposal: Any) -> str:
        # The figure speaks English and 简体中文. A language tag as a locale
        # or the page's <html lang> writes it ("zh-CN", "zh_Hans", "en-US")
        # is read as the page reads the browser's languages; another
        # language is refused, where it would fall back to English unsaid.
        lang = proposal["value"]
        code = str(lang).strip().lower().replace("_", "-")
        for short in ("en", "zh"):
            if code == short or code.startswith(short + "-"):
                return short
        raise traitlets.TraitError(
            f'gradscape: lang must be "en" or "zh" (or a tag such as "zh-CN"; got {lang!r})'
        )

    def save_svg(
        self,
        path: Union[str, os.PathLike],
        on_saved: Optional[Callable[[pathlib.Path], Any]] = None,
    ) -> None:
        """Write the figure as shown -- its step, the runs switched off in
        its legend, its language, the plot's shape, 800 px wide -- as an
        SVG file: the page's SVG download, the command line's ``gradscape
        render --step t``, for notes and slides.

        The browser draws it, as it simulates: the figure must be
        displayed and have drawn its scene (a scene set in a cell is drawn
        after that cell ends: call this in a later cell), and the file is
        written when the browser answers, after the cell that asks ends
        (it is there from the next cell on; ``on_saved(path)`` is called
        then; ``saved_error`` says why if the browser could not). Raises
        RuntimeError when no browser has drawn the current scene, and
        ValueError for a scene the browser refused (the figure shows the
        last good one, not this scene).
        """
        if self.error:
            raise ValueError(self.error)
        t = self.trajectories
        if not t or t.get("scene") != self.scene:
            raise RuntimeError(
                "gradscape: the browser has not drawn this scene yet; display the "
                "figure and call save_svg() in a later cell"
            )
        self._asked += 1
        self._pending[self._asked] = (pathlib.Path(path), on_saved)
        self.send({"type": "svg", "id": self._asked})

    def _answer(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "svg":
            return
        asked = self._pending.pop(content.get("id"), None)
        if asked is None:
            # Another view of the same figure answered first.
            return
        path, on_saved = asked
        if "svg" in content:
            path.write_text(content["svg"], encoding="utf-8")
            self.saved_error = ""
            if on_saved is not None:
                on_saved(path)
        else:
            self.saved_error = str(content.get("error", ""))

    def simulate(self) -> Optional[dict]:
        """The trajectories of the current scene, as the command line's
        ``gradscape simulate`` prints them: ``{"version": 1, "runs": [{"kind",
        "label", "points", "loss", "stop"}]}``.

        They are computed by the WebAssembly in the browser when the figure
        draws the scene, so the figure must be displayed, and a scene set in
        a cell is simulated after that cell ends: call this in a later cell
        (or observe ``trajectories``). Raises ValueError with the field-named
        message for a scene the browser refused, and RuntimeError when no
        browser has drawn the current scene yet.
        """
        t = self.trajectories
        if not t or t.get("scene") != self.scene:
            raise RuntimeError(
                "gradscape: the browser has not drawn this scene yet; display the "
                "figure and call simulate() in a later cell"
            )
        if "error" in t:
            raise ValueError(t["error"])
        return {"version": t["version"], "runs": t["runs"]}


class Playground(Figure):
    """A Figure with a learning-rate slider per optimizer (logarithmic,
    1e-4 to 10, as on the page). What the student sets is written back:
    ``pg.scene`` reads it."""

    _controls = traitlets.Bool(True).tag(sync=True)
