"""`make bench-lighthouse`: Lighthouse (mobile) on the home page and an article with a
lead image, served as in production (gunicorn, debug off, whitenoise), by Debian's Chromium.

Lighthouse comes from the npm registry through npx (it downloads no browser: CHROME_PATH
points at /usr/bin/chromium). Its mobile run simulates a mid-range phone on a slow 4G
network, so the scores do not depend on this loopback's speed. The pictures' targets:
performance >= 95, accessibility 100, CLS 0, and the image bytes a phone is sent for an
article at most a third of its lead photo's original (a camera-sized JPEG made here). A JSON report goes to
bench/results/.
"""

import json
import os
import shutil
import subprocess
import sys

from common import Site, free_port, save_report

LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "lighthouse@12")
CHROME = shutil.which("chromium") or "/usr/bin/chromium"
TARGETS = {"performance": 0.95, "accessibility": 1.0}

# A published demo article whose lead image becomes a camera-sized photo (3000 x 2000,
# a JPEG of a few MB, as an editor would upload one): its address and the original's bytes.
ARTICLE_WITH_PHOTO = """
import io, random
from PIL import Image as Picture, ImageDraw, ImageFilter
from django.core.files.base import ContentFile
from tracker.newsroom.models import Article, Image
from tracker.newsroom.pictures import sanitise
random.seed(1516)
photo = Picture.new("RGB", (3000, 2000))
draw = ImageDraw.Draw(photo)
for y in range(2000):  # a sky over a field, with grain: compresses like a photograph
    draw.line([(0, y), (3000, y)], fill=(90 + y // 20, 120 + y // 30, 160 - y // 25))
photo = Picture.blend(photo, Picture.effect_noise((3000, 2000), 40).convert("RGB"), 0.25)
photo = photo.filter(ImageFilter.GaussianBlur(0.6))
buffer = io.BytesIO()
photo.save(buffer, "JPEG", quality=92)
clean = sanitise(ContentFile(buffer.getvalue(), name="photo.jpg"))
image = Image.objects.create(
    file=clean.content, width=clean.width, height=clean.height,
    alt_text="A field under a pale sky", credit="Benchmark photo",
)
article = Article.objects.published().filter(lead_image__isnull=False).order_by("pk").first()
article.lead_image = image
article.save()
print(article.get_absolute_url())
print(image.file.size)
"""


def lighthouse(url, out):
    subprocess.run(
        ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
         "--form-factor=mobile", "--only-categories=performance,accessibility",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=dict(os.environ, CHROME_PATH=CHROME),
        check=True,
    )  # fmt: skip
    report = json.loads(out.read_text())
    images = [
        request
        for request in report["audits"]["network-requests"]["details"]["items"]
        if request.get("resourceType") == "Image"
    ]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "cls": report["audits"]["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "image_bytes": sum(request.get("transferSize", 0) for request in images),
        "screen_width": report["configSettings"]["screenEmulation"]["width"],
    }


def main():
    site = Site()
    site.env |= {"MEDIA_ROOT": str(site.dir / "media"), "DJANGO_SERVE_MEDIA": "1"}
    try:
        site.prepare()
        article_url, original_bytes = site.django(ARTICLE_WITH_PHOTO).splitlines()[-2:]
        port = free_port()
        site.serve(port, workers=2)
        base = f"http://127.0.0.1:{port}"
        results = {
            name: lighthouse(base + path, site.dir / f"{name}.json")
            for name, path in {"home": "/", "article": article_url}.items()
        }
    finally:
        site.stop()
    failures = []
    print(f"\nLighthouse {LIGHTHOUSE}, mobile, Chromium at {CHROME}:")
    for name, figures in results.items():
        print(f"  {name}: {figures}")
        for category, target in TARGETS.items():
            if figures[category] < target:
                failures.append(f"{name} {category} {figures[category]} < {target}")
        if figures["cls"] > 0:
            failures.append(f"{name} CLS {figures['cls']} > 0")
    share = results["article"]["image_bytes"] / int(original_bytes)
    print(f"  article images: {results['article']['image_bytes']} bytes sent, "
          f"{share:.3f} of the lead photo's original {original_bytes}")  # fmt: skip
    if share > 1 / 3:
        failures.append(f"article image bytes {share:.3f} of the original > 1/3")
    save_report(
        "lighthouse",
        {
            "lighthouse": LIGHTHOUSE,
            "results": results,
            "article_original_image_bytes": int(original_bytes),
        },
        failures,
    )
    return failures


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
