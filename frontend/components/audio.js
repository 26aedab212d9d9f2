// Audio: the value in the browser's own player (named by the label); when interactive, an
// upload (the picker or a drop) and the microphone: Record / Stop recording, Pause recording,
// a level meter and the time. A recording is encoded as a 16-bit WAV here and uploaded like any
// file. Streaming microphone: a chunk is uploaded every `stream_every` seconds and fires
// `stream`. Streaming output: the chunks a generator yields play one after the other
// (StreamPlayer), a status line counting them; once they have played, the player holds them all.

import { Recorder, StreamPlayer, encodeWav } from "../audio_media.js";
import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptsFile, componentStyles, dropTarget, fileName, fileUrl, upload, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("audio.css", import.meta.url)]);

/** @typedef {import("../files.js").FileData} FileData */

const ICON = {
  audio: '<path d="M9 18V5l12-2v13"/><circle cx="6" cy="18" r="3"/><circle cx="18" cy="16" r="3"/>',
  mic: '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>',
  stop: '<rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor"/>',
  pause: '<path d="M9 5v14M15 5v14"/>',
  play: '<path d="M7 4v16l13-8z"/>',
  download: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
  clear: '<path d="M6 6l12 12M18 6 6 18"/>',
};

// What may be uploaded: audio, and the containers browsers record audio in (as the server).
const ACCEPTED = ["audio", ".wav", ".mp3", ".ogg", ".oga", ".opus", ".webm", ".weba", ".m4a", ".mp4"];

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 16) {
  return strokeIcon(ICON[name], { size });
}

/** @param {number} seconds */
function clock(seconds) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * A button showing an icon and a text (the text names it).
 * @param {HTMLButtonElement} button
 * @param {keyof typeof ICON} iconName
 * @param {string} text
 */
function setButton(button, iconName, text) {
  if (button.dataset.text === text) return;
  button.dataset.text = text;
  button.replaceChildren(icon(iconName), h("span", {}, text));
}

export class AudioBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {Recorder | null} */
    this.recorder = null;
    this.stopping = false;
    this.uploading = false;
    this.startedByProp = false;
    this.sentChunks = 0;
    /** @type {Promise<void>} uploads of a streaming microphone, in order */
    this.chunkChain = Promise.resolve();
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.ticker = undefined;
    this.lastChunkAt = 0;
    this.player = new StreamPlayer(() => this.renderStream());
    this.combinedUrl = "";
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    this.audio = h("audio", { class: "audio-player", controls: true, preload: "metadata", hidden: true });
    this.audio.addEventListener("play", () => this.emit("play"));
    this.audio.addEventListener("pause", () => this.emit("pause"));
    this.audio.addEventListener("ended", () => this.emit("stop"));
    this.download = h("a", { class: "icon-button", "aria-label": "Download", title: "Download", hidden: true }, icon("download"));
    this.clear = h("button", { type: "button", class: "icon-button", "aria-label": "Clear", title: "Clear", hidden: true }, icon("clear"));
    this.clear.addEventListener("click", () => {
      this.player.reset("");
      this.commit(null);
      this.emit("clear");
    });
    this.prompt = h("button", { type: "button", class: "upload-prompt audio-prompt" });
    this.prompt.addEventListener("click", () => this.picker?.click());
    this.empty = h("div", { class: "upload-empty audio-empty" }, icon("audio", 28));
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.stage = h("div", { class: "audio-stage" }, this.audio, this.prompt, this.empty, this.progress, h("div", { class: "audio-tools" }, this.download, this.clear));

    this.record = h("button", { type: "button", class: "btn btn-sm btn-secondary audio-record", "aria-pressed": "false" });
    this.record.addEventListener("click", () => this.toggleRecording());
    this.pauseButton = h("button", { type: "button", class: "btn btn-sm btn-secondary", hidden: true });
    this.pauseButton.addEventListener("click", () => this.togglePause());
    this.level = h("span", { class: "audio-level" });
    this.meter = h("span", { class: "audio-meter", "aria-hidden": "true", hidden: true }, this.level);
    this.timer = h("span", { class: "audio-timer", hidden: true });
    this.recordRow = h("div", { class: "audio-row" }, this.record, this.pauseButton, this.meter, this.timer);

    this.streamButton = h("button", { type: "button", class: "btn btn-sm btn-secondary", hidden: true });
    this.streamButton.addEventListener("click", () => this.toggleStream());
    this.status = h("div", { class: "audio-status", role: "status" });
    this.streamRow = h("div", { class: "audio-row" }, this.streamButton, this.status);

    this.picker = h("input", { type: "file", accept: "audio/*", class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const file = this.picker?.files?.[0];
      if (this.picker) this.picker.value = "";
      if (file) this.take(file);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.heading.label, this.heading.info, this.stage, this.recordRow, this.streamRow, this.error, this.picker);
    dropTarget(this.stage, (files) => this.take(files[0]), () => this.accepting && this.sources.includes("upload"));
  }

  disconnectedCallback() {
    // A removed block lets go of the microphone.
    clearInterval(this.ticker);
    this.recorder?.release();
    this.recorder = null;
  }

  /** @returns {string[]} */
  get sources() {
    return Array.isArray(this.props.sources) ? this.props.sources : ["upload", "microphone"];
  }

  get accepting() {
    return this.interactive && !this.uploading && !this.recorder;
  }

  /** A streamed output's value: FileData of the newest chunk, `chunks` all of them. */
  get streamed() {
    const value = this.value;
    return !!value && Array.isArray(value.chunks) && !!value.stream;
  }

  /** The microphone of this block streams chunks instead of making one recording. */
  get streamsInput() {
    return !!this.props.streaming && this.interactive;
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
      this.setAttribute("aria-label", "Audio");
    }
    if (!this.echo) this.follow();
    const recording = !!this.recorder;
    const url = this.streamed ? this.combinedUrl : this.streamsInput ? "" : fileUrl(this.value);
    const name = this.label || (this.value ? fileName(this.value) : "") || "Audio";
    const audio = /** @type {HTMLAudioElement} */ (this.audio);
    if ((audio.getAttribute("src") ?? "") !== url) {
      if (url) audio.src = url;
      else audio.removeAttribute("src");
    }
    audio.autoplay = !!props.autoplay && !this.streamed;
    audio.loop = !!props.loop;
    audio.setAttribute("aria-label", name);
    audio.hidden = !url || recording;
    /** @type {HTMLElement} */ (this.stage).classList.toggle("has-audio", !!url && !recording);

    const download = /** @type {HTMLAnchorElement} */ (this.download);
    const wanted = props.show_download_button === true || (props.show_download_button == null && !this.interactive);
    download.hidden = !url || !wanted || recording;
    if (url) {
      download.href = url;
      download.download = this.streamed ? "stream.wav" : fileName(this.value);
    }
    /** @type {HTMLElement} */ (this.clear).hidden = !this.interactive || !this.value || recording || this.streamsInput;

    const canUpload = this.interactive && this.sources.includes("upload") && !this.streamsInput;
    const prompt = /** @type {HTMLButtonElement} */ (this.prompt);
    prompt.hidden = !!url || recording || !canUpload;
    if (!prompt.dataset.ready) {
      prompt.dataset.ready = "1";
      prompt.append(icon("audio", 28), h("span", {}, "Drop an audio file here or click to upload"));
    }
    prompt.setAttribute("aria-label", `Upload audio${this.label ? ` (${this.label})` : ""}`);
    /** @type {HTMLElement} */ (this.empty).hidden = !!url || recording || canUpload;
    /** @type {HTMLElement} */ (this.stage).hidden = recording && !canUpload && !url;

    this.renderRecording();
    this.renderStream();
    if (props.recording && !this.startedByProp && this.canRecord) {
      this.startedByProp = true;
      this.startRecording();
    } else if (!props.recording) {
      this.startedByProp = false;
    }
  }

  get canRecord() {
    return this.interactive && this.sources.includes("microphone") && !!navigator.mediaDevices?.getUserMedia;
  }

  renderRecording() {
    const recording = !!this.recorder;
    const record = /** @type {HTMLButtonElement} */ (this.record);
    record.hidden = !this.canRecord && !recording;
    setButton(record, recording ? "stop" : "mic", recording ? "Stop recording" : "Record");
    record.setAttribute("aria-pressed", String(recording));
    record.classList.toggle("audio-recording", recording);
    record.disabled = this.stopping || this.uploading;
    const pause = /** @type {HTMLButtonElement} */ (this.pauseButton);
    pause.hidden = !recording;
    const paused = !!this.recorder?.paused;
    setButton(pause, paused ? "mic" : "pause", paused ? "Resume recording" : "Pause recording");
    const meter = /** @type {HTMLElement} */ (this.meter);
    meter.hidden = !recording || paused || this.props.waveform_options?.show_recording_waveform === false;
    const timer = /** @type {HTMLElement} */ (this.timer);
    timer.hidden = !recording;
    timer.textContent = recording ? clock(this.recorder?.seconds ?? 0) : "";
    /** @type {HTMLElement} */ (this.recordRow).hidden = record.hidden && pause.hidden;
  }

  /** The status line and Play/Pause of a streamed output (or the chunks a streaming mic sent). */
  renderStream() {
    if (!this.built) return;
    const { received, played, blocked, paused } = this.player;
    const status = /** @type {HTMLElement} */ (this.status);
    const button = /** @type {HTMLButtonElement} */ (this.streamButton);
    let text = "";
    if (received && blocked) text = `Stream: ${received} chunk${received === 1 ? "" : "s"} waiting. Press Play stream to hear ${received === 1 ? "it" : "them"}.`;
    else if (received) text = `Stream: played ${played} of ${received} chunk${received === 1 ? "" : "s"}`;
    else if (this.streamsInput && (this.recorder || this.sentChunks)) text = `Streaming: ${this.sentChunks} chunk${this.sentChunks === 1 ? "" : "s"} sent`;
    if (status.textContent !== text) status.textContent = text;
    const playing = received > played;
    button.hidden = !playing;
    setButton(button, blocked || paused ? "play" : "pause", blocked || paused ? "Play stream" : "Pause stream");
    /** @type {HTMLElement} */ (this.streamRow).hidden = !text;
    if (received && !playing && this.combinedFor !== `${this.player.token}:${received}`) {
      // Every chunk has played: the player now holds the whole stream, to replay or download.
      this.combinedFor = `${this.player.token}:${received}`;
      const blob = this.player.combined();
      this.setCombined(blob ? URL.createObjectURL(blob) : "");
      this.render();
    }
  }

  /** @param {string} url */
  setCombined(url) {
    if (this.combinedUrl) URL.revokeObjectURL(this.combinedUrl);
    this.combinedUrl = url;
  }

  /** Queue the chunks of a streamed value that are new (a new stream starts afresh). */
  follow() {
    const value = this.value;
    if (!this.streamed) {
      if (this.player.received) {
        this.player.reset("");
        this.setCombined("");
        this.combinedFor = "";
      }
      return;
    }
    const token = String(value.stream);
    /** @type {FileData[]} */
    const chunks = value.chunks;
    if (token !== this.player.token || chunks.length < this.player.received) {
      this.player.reset(token);
      this.setCombined("");
      this.combinedFor = "";
    }
    for (let index = this.player.received; index < chunks.length; index++) this.player.push(fileUrl(chunks[index]));
  }

  toggleStream() {
    const { blocked, paused } = this.player;
    if (blocked || paused) {
      this.player.resume().then(() => this.emit("play"), () => {});
    } else {
      this.player.pause().then(() => this.emit("pause"), () => {});
    }
    this.renderStream();
  }

  async toggleRecording() {
    if (this.recorder) await this.finishRecording();
    else await this.startRecording();
  }

  async startRecording() {
    if (this.recorder || !this.canRecord) return;
    this.showError("");
    const recorder = new Recorder({ onLevel: (level) => this.level?.style.setProperty("--level", level.toFixed(2)) });
    this.recorder = recorder;
    this.sentChunks = 0;
    this.renderRecording();
    try {
      await recorder.start();
    } catch (error) {
      recorder.release();
      this.recorder = null;
      this.render();
      this.showError(`The microphone could not be used: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.recorder !== recorder) return; // stopped meanwhile
    this.emit("start_recording");
    this.lastChunkAt = 0;
    this.ticker = setInterval(() => this.tick(), 100);
    this.render();
  }

  /** Every 100 ms while recording: the time shown, a chunk sent when one is due, the limit. */
  tick() {
    const recorder = this.recorder;
    if (!recorder) return;
    this.renderRecording();
    if (!this.streamsInput) return;
    const every = Number(this.props.stream_every) > 0 ? Number(this.props.stream_every) : 0.5;
    const limit = Number(this.props.time_limit);
    if (limit > 0 && recorder.seconds >= limit) {
      this.finishRecording();
      return;
    }
    if (recorder.seconds - this.lastChunkAt >= every) {
      this.lastChunkAt = recorder.seconds;
      this.sendChunk(recorder.drain(), recorder.rate);
    }
  }

  togglePause() {
    const recorder = this.recorder;
    if (!recorder) return;
    recorder.paused = !recorder.paused;
    if (recorder.paused) this.emit("pause_recording");
    this.renderRecording();
  }

  async finishRecording() {
    const recorder = this.recorder;
    if (!recorder || this.stopping) return;
    this.stopping = true;
    clearInterval(this.ticker);
    this.renderRecording();
    const rest = await recorder.stop();
    this.recorder = null;
    this.stopping = false;
    this.emit("stop_recording");
    this.render();
    if (this.streamsInput) {
      this.sendChunk(rest, recorder.rate);
      return;
    }
    if (!rest.length || !rest[0].length) {
      this.showError("Nothing was recorded.");
      return;
    }
    await this.take(new File([encodeWav(rest, recorder.rate)], "recording.wav", { type: "audio/wav" }), true);
  }

  /**
   * Upload one chunk of a streaming microphone and fire `stream` with it (chunks in order).
   * @param {Float32Array[]} samples
   * @param {number} rate
   */
  sendChunk(samples, rate) {
    if (!samples.length || !samples[0].length) return;
    const file = new File([encodeWav(samples, rate)], `chunk-${this.sentChunks + 1}.wav`, { type: "audio/wav" });
    this.chunkChain = this.chunkChain.then(async () => {
      try {
        const [data] = await upload([file]);
        // The value is the newest chunk; only `stream` fires (not change or input).
        this.value = data;
        if (this.host) this.committedRev = this.host.commit(this.blockId, data);
        this.sentChunks++;
        this.emit("stream", data);
        this.renderStream();
      } catch (error) {
        this.showError(error instanceof Error ? error.message : String(error));
      }
    });
  }

  /**
   * Upload a file (picked, dropped or recorded) and make it the value.
   * @param {File | undefined} file
   * @param {boolean} [recorded] a recording (uploads may be off; no `upload` event)
   */
  async take(file, recorded = false) {
    if (!file || this.uploading || !this.interactive) return;
    if (!recorded && !acceptsFile(ACCEPTED, file)) {
      this.showError(`${file.name} is not an audio file`);
      return;
    }
    this.showError("");
    this.uploading = true;
    this.renderRecording();
    try {
      const [data] = await uploadShowing([file], /** @type {HTMLElement} */ (this.progress));
      this.commit(data);
      if (!recorded) this.emit("upload", data);
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
    } finally {
      this.uploading = false;
      this.renderRecording();
    }
  }

  /** @param {string} message */
  showError(message) {
    showMessage(/** @type {HTMLElement} */ (this.error), message);
  }
}

define("audio", AudioBlock);
