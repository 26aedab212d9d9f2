// Video: the value in the browser's own player (named by the label), its subtitles as a
// <track>; play, pause, stop and end come from the player. When interactive: an upload (the
// picker or a drop) and the webcam: Record opens the camera (getUserMedia, with a live preview,
// mirrored per `mirror_webcam`) and records it (MediaRecorder); Stop recording uploads the clip
// like any file. A recording stops by itself at `max_length` seconds.

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptsFile, componentStyles, dropTarget, fileName, fileUrl, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("video.css", import.meta.url)]);

/** @typedef {import("../files.js").FileData} FileData */

const ICON = {
  video: '<rect x="3" y="6" width="13" height="12" rx="2"/><path d="m16 10 5-3v10l-5-3"/>',
  record: '<circle cx="12" cy="12" r="6" fill="currentColor"/>',
  stop: '<rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor"/>',
  download: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
  clear: '<path d="M6 6l12 12M18 6 6 18"/>',
};

// What may be uploaded (as the server accepts): video types and the usual containers.
const ACCEPTED = ["video", ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv", ".ogg", ".avi", ".3gp", ".flv", ".wmv", ".mpg", ".mpeg", ".ts"];
// What MediaRecorder is asked for, best first: WebM plays everywhere it records.
const WITH_AUDIO = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];
const SILENT = ["video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm", "video/mp4"];

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 16) {
  return strokeIcon(ICON[name], { size });
}

/**
 * A size prop as CSS: numbers are pixels.
 * @param {any} size
 */
function cssSize(size) {
  return typeof size === "number" ? `${size}px` : typeof size === "string" ? size : "";
}

/** @param {number} seconds */
function clock(seconds) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * The video and subtitles of a value: `{video, subtitles}`, or a bare FileData.
 * @param {any} value
 * @returns {{video: FileData | null, subtitles: FileData | null}}
 */
export function videoParts(value) {
  if (!value || typeof value !== "object") return { video: null, subtitles: null };
  if ("video" in value) return { video: value.video ?? null, subtitles: value.subtitles ?? null };
  return { video: value, subtitles: null };
}

/**
 * What getUserMedia is asked for: `webcam_constraints` (MediaStreamConstraints, or the video
 * part alone) over a default of the camera, with sound when `include_audio`.
 * @param {Record<string, any>} props
 * @returns {MediaStreamConstraints}
 */
function cameraConstraints(props) {
  const base = { video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: props.include_audio !== false };
  const custom = props.webcam_constraints;
  if (!custom || typeof custom !== "object") return base;
  if ("video" in custom || "audio" in custom) return { ...base, ...custom };
  return { ...base, video: custom };
}

/** @param {boolean} audio */
function recordingType(audio) {
  return (audio ? WITH_AUDIO : SILENT).find((type) => MediaRecorder.isTypeSupported(type)) ?? "";
}

/** @param {HTMLButtonElement} button @param {keyof typeof ICON} iconName @param {string} text */
function setButton(button, iconName, text) {
  if (button.dataset.text === text) return;
  button.dataset.text = text;
  button.replaceChildren(icon(iconName), h("span", {}, text));
}

export class VideoBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {MediaRecorder | null} */
    this.recorder = null;
    /** @type {Blob[]} */
    this.chunks = [];
    this.starting = false;
    this.stopping = false;
    this.uploading = false;
    this.startedAt = 0;
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.ticker = undefined;
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    const player = h("video", { class: "video-player", controls: true, preload: "metadata", playsinline: true, hidden: true });
    player.addEventListener("play", () => this.emit("play"));
    player.addEventListener("pause", () => this.emit("pause")); // for any reason, the end too
    player.addEventListener("ended", () => {
      this.emit("stop");
      this.emit("end");
    });
    this.player = player;
    const preview = h("video", { class: "video-preview", autoplay: true, playsinline: true, "aria-label": "Webcam preview", hidden: true });
    preview.muted = true; // the user's own sound is not played back while recording
    this.preview = preview;
    this.download = h("a", { class: "icon-button", "aria-label": "Download", title: "Download", hidden: true }, icon("download"));
    this.clear = h("button", { type: "button", class: "icon-button", "aria-label": "Clear", title: "Clear", hidden: true }, icon("clear"));
    this.clear.addEventListener("click", () => {
      this.commit(null);
      this.emit("clear");
    });
    this.prompt = h("button", { type: "button", class: "upload-prompt" }, icon("video", 28), h("span", {}, "Drop a video here or click to upload"));
    this.prompt.addEventListener("click", () => this.picker?.click());
    this.empty = h("div", { class: "upload-empty" }, icon("video", 32));
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.stage = h("div", { class: "video-stage" }, player, preview, this.prompt, this.empty, this.progress, h("div", { class: "upload-tools" }, this.download, this.clear));

    this.record = h("button", { type: "button", class: "btn btn-sm btn-secondary video-record", "aria-pressed": "false" });
    this.record.addEventListener("click", () => (this.recorder ? this.finishRecording() : this.startRecording()));
    this.timer = h("span", { class: "video-timer", hidden: true });
    this.note = h("span", { class: "video-note", hidden: true });
    this.recordRow = h("div", { class: "video-row" }, this.record, this.timer, this.note);

    this.picker = h("input", { type: "file", accept: "video/*", class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const file = this.picker?.files?.[0];
      if (this.picker) this.picker.value = "";
      if (file) this.take(file);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.heading.label, this.heading.info, this.stage, this.recordRow, this.error, this.picker);
    dropTarget(this.stage, (files) => this.take(files[0]), () => this.accepting && this.sources.includes("upload"));
  }

  disconnectedCallback() {
    // A removed block lets go of the camera (what it recorded is dropped).
    this.recorder?.removeEventListener("stop", this.onRecorded);
    this.release();
  }

  /** @returns {string[]} */
  get sources() {
    return Array.isArray(this.props.sources) ? this.props.sources : ["upload", "webcam"];
  }

  get accepting() {
    return this.interactive && !this.uploading && !this.recorder && !this.starting;
  }

  /** Whether this browser can record from a camera here (MediaRecorder, a secure page). */
  get canRecord() {
    return !!navigator.mediaDevices?.getUserMedia && typeof MediaRecorder !== "undefined";
  }

  render() {
    const { props } = this;
    this.heading?.update(props);
    // One group per block, named by its label, so its buttons are found within it.
    this.setAttribute("role", "group");
    if (this.label && this.heading) {
      this.setAttribute("aria-labelledby", this.heading.labelId);
      this.removeAttribute("aria-label");
    } else {
      this.removeAttribute("aria-labelledby");
      this.setAttribute("aria-label", "Video");
    }
    const recording = !!this.recorder || this.starting;
    const { video, subtitles } = videoParts(this.value);
    const url = fileUrl(video);
    const player = /** @type {HTMLVideoElement} */ (this.player);
    this.showTrack(fileUrl(subtitles));
    if ((player.getAttribute("src") ?? "") !== url) {
      if (url) player.src = url;
      else player.removeAttribute("src");
    }
    player.autoplay = !!props.autoplay;
    player.loop = !!props.loop;
    player.setAttribute("aria-label", this.label || (video ? fileName(video) : "") || "Video");
    player.hidden = !url || recording;
    const preview = /** @type {HTMLVideoElement} */ (this.preview);
    preview.hidden = !recording;
    preview.classList.toggle("video-mirrored", props.mirror_webcam !== false);

    const stage = /** @type {HTMLElement} */ (this.stage);
    stage.classList.toggle("has-video", !!url || recording);
    stage.style.height = cssSize(props.height);
    stage.style.width = cssSize(props.width);

    const download = /** @type {HTMLAnchorElement} */ (this.download);
    const wanted = props.show_download_button === true || (props.show_download_button == null && !this.interactive);
    download.hidden = !url || !wanted || recording;
    if (url) {
      download.href = url;
      download.download = fileName(video);
    }
    /** @type {HTMLElement} */ (this.clear).hidden = !this.interactive || !video || recording;

    const canUpload = this.interactive && this.sources.includes("upload");
    const prompt = /** @type {HTMLButtonElement} */ (this.prompt);
    prompt.hidden = !!url || recording || !canUpload;
    prompt.setAttribute("aria-label", `Upload video${this.label ? ` (${this.label})` : ""}`);
    /** @type {HTMLElement} */ (this.empty).hidden = !!url || recording || canUpload;
    this.renderRecording();
  }

  /**
   * Keep one subtitles track, for `url` ("" for none).
   * @param {string} url
   */
  showTrack(url) {
    const player = /** @type {HTMLVideoElement} */ (this.player);
    const current = player.querySelector("track");
    if ((current?.getAttribute("src") ?? "") === url) return;
    current?.remove();
    if (!url) return;
    const track = h("track", { kind: "subtitles", label: "Subtitles", srclang: "en", src: url, default: true });
    player.append(track);
  }

  renderRecording() {
    if (!this.built) return;
    const wantsCamera = this.interactive && this.sources.includes("webcam");
    const recording = !!this.recorder;
    const record = /** @type {HTMLButtonElement} */ (this.record);
    record.hidden = !wantsCamera || !this.canRecord;
    setButton(record, recording ? "stop" : "record", recording ? "Stop recording" : "Record");
    record.setAttribute("aria-pressed", String(recording));
    record.classList.toggle("video-recording", recording);
    record.disabled = this.starting || this.stopping || this.uploading;
    const timer = /** @type {HTMLElement} */ (this.timer);
    timer.hidden = !recording;
    const seconds = recording ? (performance.now() - this.startedAt) / 1000 : 0;
    const text = recording ? `Recording ${clock(seconds)}` : "";
    if (timer.textContent !== text) timer.textContent = text;
    const note = /** @type {HTMLElement} */ (this.note);
    const unsupported = wantsCamera && !this.canRecord;
    showMessage(note, unsupported ? "This browser cannot record video here (it needs camera access on a secure page)." : "");
    /** @type {HTMLElement} */ (this.recordRow).hidden = record.hidden && note.hidden;
    const limit = Number(this.props.max_length);
    if (recording && limit > 0 && seconds >= limit) this.finishRecording();
  }

  async startRecording() {
    if (this.recorder || this.starting || !this.canRecord || !this.interactive) return;
    this.showError("");
    this.starting = true;
    this.render();
    const wanted = cameraConstraints(this.props);
    /** @type {MediaStream | null} */
    let stream = null;
    try {
      stream = await navigator.mediaDevices.getUserMedia(wanted);
    } catch (error) {
      // No microphone (or it is refused): record the picture alone rather than nothing.
      if (wanted.audio) stream = await navigator.mediaDevices.getUserMedia({ ...wanted, audio: false }).catch(() => null);
      if (!stream) {
        this.starting = false;
        this.render();
        this.showError(`The camera could not be used: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    this.starting = false;
    if (!this.isConnected) {
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    this.stream = stream;
    const preview = /** @type {HTMLVideoElement} */ (this.preview);
    preview.srcObject = stream;
    const type = recordingType(stream.getAudioTracks().length > 0);
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    this.chunks = [];
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size) this.chunks.push(event.data);
    });
    recorder.addEventListener("stop", this.onRecorded);
    recorder.start(250);
    this.recorder = recorder;
    this.startedAt = performance.now();
    this.ticker = setInterval(() => this.renderRecording(), 250);
    this.emit("start_recording");
    this.render();
  }

  finishRecording() {
    if (!this.recorder || this.stopping) return;
    this.stopping = true;
    this.renderRecording();
    this.recorder.stop(); // `onRecorded` follows, once the last data is in
  }

  /** The recorder stopped: let go of the camera, upload what it recorded. */
  onRecorded = async () => {
    const recorder = this.recorder;
    const type = (recorder?.mimeType || "video/webm").split(";")[0];
    const blob = new Blob(this.chunks, { type });
    this.release();
    this.emit("stop_recording");
    this.render();
    if (!blob.size) {
      this.showError("Nothing was recorded.");
      return;
    }
    const extension = type.includes("mp4") ? "mp4" : "webm";
    await this.take(new File([blob], `recording.${extension}`, { type }), true);
  };

  /** Stop the camera and the recorder (what it recorded stays in `chunks` until read). */
  release() {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    if (this.preview) /** @type {HTMLVideoElement} */ (this.preview).srcObject = null;
    if (this.recorder?.state === "recording") this.recorder.stop();
    this.recorder = null;
    this.stopping = false;
  }

  /**
   * Upload a video (picked, dropped or recorded) and make it the value.
   * @param {File | undefined} file
   * @param {boolean} [recorded] a recording (uploads may be off; no `upload` event)
   */
  async take(file, recorded = false) {
    if (!file || this.uploading || !this.interactive) return;
    if (!recorded && !acceptsFile(ACCEPTED, file)) {
      this.showError(`${file.name} is not a video file`);
      return;
    }
    this.showError("");
    this.uploading = true;
    this.renderRecording();
    try {
      const [data] = await uploadShowing([file], /** @type {HTMLElement} */ (this.progress));
      this.commit({ video: data, subtitles: null });
      if (!recorded) this.emit("upload", data);
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
    } finally {
      this.uploading = false;
      this.render();
    }
  }

  /** @param {string} message */
  showError(message) {
    showMessage(/** @type {HTMLElement} */ (this.error), message);
  }
}

define("video", VideoBlock);
