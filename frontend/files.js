// Files for components: FileData URLs, uploads (POST upload, with progress), accepted types.

/**
 * A file as the server sends it (see blocks/files.py); `url` is relative to the page.
 * @typedef {{id?: string | null, url?: string, orig_name?: string | null, size?: number | null, mime_type?: string | null}} FileData
 * @typedef {"image" | "audio" | "video" | "file"} FileKind
 */

/** The URL the page's own routes hang from (`<root>/`), so a root_path works. */
export function pageBase() {
  const path = location.pathname.endsWith("/") ? location.pathname : `${location.pathname}/`;
  return `${location.origin}${path}`;
}

/**
 * The absolute URL of a file, or "" when it is missing or not safe to load (javascript: ...).
 * @param {FileData | null | undefined} data
 * @returns {string}
 */
export function fileUrl(data) {
  if (!data?.url) return "";
  try {
    const url = new URL(data.url, pageBase());
    return ["http:", "https:", "blob:"].includes(url.protocol) ? url.href : "";
  } catch {
    return "";
  }
}

/**
 * The name to show for a file.
 * @param {FileData | null | undefined} data
 */
export function fileName(data) {
  if (data?.orig_name) return data.orig_name;
  const tail = (data?.url ?? "").split(/[?#]/)[0].split("/").pop() ?? "";
  try {
    return decodeURIComponent(tail) || "file";
  } catch {
    return tail || "file";
  }
}

const EXTENSIONS = {
  image: ["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "svg", "ico", "heic"],
  audio: ["mp3", "wav", "ogg", "oga", "m4a", "flac", "aac", "opus", "weba"],
  video: ["mp4", "webm", "ogv", "mov", "mkv", "m4v"],
};

/**
 * How a file is shown: as a picture, a player, or a download chip.
 * @param {FileData | File | null | undefined} data
 * @returns {FileKind}
 */
export function fileKind(data) {
  if (!data) return "file";
  const mime = String(("mime_type" in data ? data.mime_type : "type" in data ? data.type : "") ?? "").toLowerCase();
  for (const kind of /** @type {const} */ (["image", "audio", "video"])) if (mime.startsWith(`${kind}/`)) return kind;
  if (mime) return "file";
  const name = data instanceof File ? data.name : fileName(data);
  const ext = name.includes(".") ? name.split(".").pop()?.toLowerCase() ?? "" : "";
  for (const kind of /** @type {const} */ (["image", "audio", "video"])) if (EXTENSIONS[kind].includes(ext)) return kind;
  return "file";
}

/**
 * `1234567` -> "1.2 MB".
 * @param {number | null | undefined} size
 */
export function humanSize(size) {
  if (typeof size !== "number" || !Number.isFinite(size)) return "";
  const units = ["B", "KB", "MB", "GB"];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

const CATEGORIES = ["image", "audio", "video", "text"];

/**
 * The `accept` attribute of a file input for the component's `file_types`.
 * @param {string[] | null | undefined} types categories ("image"...), extensions (".pdf") or MIME types
 */
export function acceptAttribute(types) {
  if (!types?.length || types.includes("file")) return "";
  return types.map((type) => (CATEGORIES.includes(type) ? `${type}/*` : type)).join(",");
}

/**
 * Whether a file fits `file_types` (mirrors `accepts` in components/_files.py).
 * @param {string[] | null | undefined} types
 * @param {File} file
 */
export function acceptsFile(types, file) {
  if (!types?.length) return true;
  const name = file.name.toLowerCase();
  const mime = (file.type || "").toLowerCase();
  return types.some((entry) => {
    const rule = entry.toLowerCase();
    if (rule === "file") return true;
    if (CATEGORIES.includes(rule)) return mime.startsWith(`${rule}/`) || fileKind(file) === rule;
    if (rule.startsWith(".")) return name.endsWith(rule);
    if (rule.endsWith("/*")) return mime.startsWith(rule.slice(0, -1));
    return mime === rule;
  });
}

/** An upload the server refused or that failed; `message` is fit to show to the user. */
export class UploadError extends Error {
  /**
   * @param {string} message
   * @param {number} status the HTTP status (0 when the request did not complete)
   */
  constructor(message, status) {
    super(message);
    this.name = "UploadError";
    this.status = status;
  }
}

/**
 * Upload files (`POST upload`, multipart field "files"); resolves to their FileData, in order.
 * @param {File[]} files
 * @param {{onProgress?: (fraction: number) => void, signal?: AbortSignal}} [options]
 * @returns {Promise<FileData[]>}
 */
export function upload(files, { onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", `${pageBase()}upload`);
    request.responseType = "text";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.total ? event.loaded / event.total : 1);
    });
    request.addEventListener("load", () => {
      /** @type {any} */
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: a proxy's error page, say
      }
      if (request.status >= 200 && request.status < 300 && Array.isArray(body)) {
        onProgress?.(1);
        resolve(body);
        return;
      }
      const message =
        typeof body?.error === "string"
          ? body.error
          : request.status === 413
            ? "The file is too large to upload."
            : `The upload failed (HTTP ${request.status}).`;
      reject(new UploadError(message, request.status));
    });
    request.addEventListener("error", () => reject(new UploadError("The upload failed: the server could not be reached.", 0)));
    request.addEventListener("abort", () => reject(new UploadError("The upload was cancelled.", 0)));
    signal?.addEventListener("abort", () => request.abort());
    request.send(form);
  });
}

/**
 * Upload `files` while `progress` (an element with role progressbar whose first child is the
 * bar) shows how far it got; the bar hides again at the end, whatever the outcome.
 * @param {File[]} files
 * @param {HTMLElement} progress
 * @returns {Promise<FileData[]>}
 */
export async function uploadShowing(files, progress) {
  const bar = /** @type {HTMLElement} */ (progress.firstElementChild);
  progress.hidden = false;
  progress.setAttribute("aria-label", `Uploading ${files.map((f) => f.name).join(", ")}`);
  bar.style.width = "0%";
  try {
    return await upload(files, {
      onProgress: (fraction) => {
        const percent = String(Math.round(fraction * 100));
        bar.style.width = `${percent}%`;
        progress.setAttribute("aria-valuenow", percent);
      },
    });
  } finally {
    progress.hidden = true;
  }
}

/**
 * Load a stylesheet next to `base` (a module's import.meta.url) once; resolves when it applies,
 * so a component module can await its styles before its elements are first painted.
 * @param {string} path
 * @param {string} base
 * @returns {Promise<void>}
 */
export function componentStyles(path, base) {
  const href = new URL(path, base).href;
  const existing = /** @type {HTMLLinkElement | null} */ (document.querySelector(`link[data-component-styles="${CSS.escape(href)}"]`));
  if (existing) return Promise.resolve();
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.dataset.componentStyles = href;
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", () => resolve(undefined));
    link.addEventListener("error", () => {
      console.warn(`the stylesheet ${href} failed to load`);
      resolve(undefined);
    });
  });
  // Right after the theme (and the component styles before it), so the app's own css still wins.
  const anchor = [...document.querySelectorAll('head link[rel="stylesheet"]')].filter(
    (l) => l instanceof HTMLLinkElement && (l.dataset.componentStyles || /\/style\.css$/.test(l.href)),
  ).pop();
  if (anchor) anchor.after(link);
  else document.head.prepend(link);
  return /** @type {Promise<void>} */ (loaded);
}

/**
 * Let files be dropped onto `element` (it gets the class "dragging" while they hover over it).
 * @param {HTMLElement} element
 * @param {(files: File[]) => void} onFiles
 * @param {() => boolean} enabled whether a drop is welcome now
 */
export function dropTarget(element, onFiles, enabled) {
  let depth = 0;
  /** @param {DragEvent} event */
  const carriesFiles = (event) => enabled() && [...(event.dataTransfer?.types ?? [])].includes("Files");
  element.addEventListener("dragenter", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    element.classList.add("dragging");
  });
  element.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
  });
  element.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) element.classList.remove("dragging");
  });
  element.addEventListener("drop", (event) => {
    depth = 0;
    element.classList.remove("dragging");
    if (!enabled()) return;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    onFiles(files);
  });
}

/**
 * The files of a paste (pictures copied from a page or a screenshot tool), if any.
 * @param {ClipboardEvent} event
 * @returns {File[]}
 */
export function pastedFiles(event) {
  const data = event.clipboardData;
  if (!data) return [];
  const files = [...data.files];
  if (files.length) return files;
  return [...data.items].filter((item) => item.kind === "file").map((item) => item.getAsFile()).filter((f) => f !== null);
}

/**
 * A name for a pasted file that has none ("image.png" from the clipboard gets a time stamp).
 * @param {File} file
 * @returns {File}
 */
export function namedFile(file) {
  if (file.name && file.name !== "image.png") return file;
  const ext = (file.type.split("/")[1] || "bin").replace("jpeg", "jpg").replace(/[^a-z0-9]/g, "");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return new File([file], `pasted-${stamp}.${ext}`, { type: file.type, lastModified: file.lastModified });
}
