// The parts of the Dataframe's grid that are plain DOM: a cell painted by its datatype, and
// the columns' widths.

import { h } from "./dom.js";
import { fileUrl } from "./files.js";
import { cellText, invalidCell, truncated } from "./table_view.js";

/**
 * @typedef {{kind: string, name: string, editable: boolean, maxChars: number | null,
 *   rich: (cell: HTMLElement, text: string, kind: string) => void}} PaintContext `name` names
 *   a checkbox ("Organic, row 3"); `rich` fills markdown and html cells
 */

/**
 * Show one cell: a checkbox for "bool", a picture for "image" (a URL, or a file the server
 * serves), sanitised markup for "markdown" and "html", else text (cut to `maxChars`, whole in
 * its title). `display` is the text a pandas Styler rendered for it, shown as it is.
 * @param {HTMLElement} cell
 * @param {any} value
 * @param {string | null} display
 * @param {PaintContext} context
 */
export function paintCell(cell, value, display, { kind, name, editable, maxChars, rich }) {
  const text = display ?? cellText(value);
  cell.removeAttribute("title");
  cell.classList.remove("df-rich");
  if (invalidCell(value, kind)) cell.setAttribute("aria-invalid", "true");
  else cell.removeAttribute("aria-invalid");
  if (display === null && kind === "bool") {
    const box = h("input", { type: "checkbox", tabindex: "-1", class: "df-check", "aria-label": name });
    box.checked = value === true || value === "true";
    box.disabled = !editable;
    cell.replaceChildren(box);
  } else if (display === null && kind === "image" && text) {
    const src = fileUrl({ url: text });
    const alt = decodeURIComponent(text.split(/[?#]/)[0].split("/").pop() || "");
    cell.replaceChildren(src ? h("img", { class: "df-image", src, alt, loading: "lazy" }) : text);
  } else if (display === null && (kind === "markdown" || kind === "html") && text) {
    rich(cell, text, kind);
  } else {
    const cut = truncated(text, maxChars);
    if (cut !== text) cell.title = text;
    cell.textContent = cut;
  }
}

/**
 * The grid's column tracks (CSS grid-template-columns, shared by the header and every row)
 * and the table's width. Widths in ch are the grid's own guesses from the cells: they grow in
 * proportion when the frame is wider. The app's px stay as given, % are of the table's width.
 * @param {string[]} widths
 * @param {boolean} rowNumbers
 * @returns {{tracks: string, width: string}}
 */
export function columnTracks(widths, rowNumbers) {
  let ch = rowNumbers ? 6 : 0;
  let px = rowNumbers ? 20 : 0;
  let fits = true;
  const tracks = widths.map((width) => {
    const match = /^([\d.]+)(ch|px|%)$/.exec(width);
    if (!match) {
      fits = false;
      return "minmax(8ch, 1fr)";
    }
    const size = Number(match[1]);
    if (match[2] === "%") fits = false;
    if (match[2] === "ch") {
      ch += size;
      return `minmax(${size}ch, ${size}fr)`;
    }
    if (match[2] === "px") px += size;
    return width;
  });
  if (rowNumbers) tracks.unshift("calc(6ch + 20px)");
  return { tracks: tracks.join(" "), width: fits ? `max(100%, calc(${ch}ch + ${px}px))` : "100%" };
}
