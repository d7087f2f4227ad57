// A point on the page a benchmark can click: shared by benches/ui.mjs and benches/clicks.mjs.

/**
 * The middle of the element `selector` names, scrolled into view, once it has stayed at the
 * same place and is what a click there hits for a few frames: rows scrolled to were skipped
 * (`content-visibility`) with an estimated height until rendered, so the list moves under
 * the point for a frame or two, and a click measured there would land on another row.
 */
export async function steadyPoint(page, selector) {
  return page.evaluate(async (selector) => {
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const element = document.querySelector(selector);
    let [last, steady] = ['', 0];
    for (let tries = 0; tries < 50; tries += 1) {
      const { x, y, width, height } = element.getBoundingClientRect();
      const point = [x + width / 2, y + height / 2];
      if (!element.contains(document.elementFromPoint(...point))) {
        element.scrollIntoView({ block: 'center' });
        steady = 0;
      } else if (String(point) === last) {
        steady += 1;
        if (steady === 3) return point;
      }
      last = String(point);
      await frames();
    }
    throw new Error(`${selector} could not be clicked`);
  }, selector);
}
