"""The QR code of a join URL, drawn by segno as SVG: black modules on white with the 4-module quiet zone the
standard asks for, 8 units a module, so a projector's scaling never blurs a module into its neighbor."""

import io
import re

import segno

MODULE = 8  # SVG units (px at the natural size) per module
QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)


def qr_svg(url: str) -> bytes:
    # Error correction M (15%): a projector's glare or a bit of keystone still scans.
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=MODULE, border=QUIET_ZONE, dark="#000000", light="#ffffff",
              xmldecl=False, title="Join the class: " + url)
    svg = out.getvalue().decode()
    # segno writes a viewBox only when it leaves out the size; both are wanted: the natural size, and a viewBox so
    # that a page may scale the code up for the projector.
    svg = re.sub(r'<svg ([^>]*)width="(\d+)" height="(\d+)"', r'<svg \1width="\2" height="\3" viewBox="0 0 \2 \3"',
                 svg, count=1)
    return svg.encode()
