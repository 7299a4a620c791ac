// A tiny helper to build DOM nodes without innerHTML (so no data is ever parsed as markup).

/**
 * `h("a", {href: "#/", class: "x", onclick: fn}, "text", child, [more])`: an element.
 * Attributes: `class`, `dataset` (object), `on<event>` (listener), `hidden`/`disabled`/… (booleans),
 * anything else via setAttribute; null/undefined/false are left out. Children: nodes, strings,
 * numbers, arrays of them; null/undefined/false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

/** The same, for SVG elements. */
export function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

function setAttrs(element, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
}

/** Appends children (nodes, strings, arrays; null/false skipped). */
export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}
