// Audio in the browser, for components/audio.js: the microphone recorded as PCM samples (an
// AudioWorklet, so a recording is a WAV any server can read without ffmpeg), WAV encoding, and
// gapless playback of a streamed output's chunks (each decoded and scheduled right after the
// one before on one AudioContext clock).

/**
 * Planar float samples (one Float32Array per channel, all the same length).
 * @typedef {Float32Array[]} Planar
 */

/**
 * A 16-bit PCM WAV of `channels` at `rate` Hz.
 * @param {Planar} channels
 * @param {number} rate
 * @returns {Blob}
 */
export function encodeWav(channels, rate) {
  const count = Math.max(1, channels.length);
  const frames = channels.length ? channels[0].length : 0;
  const bytes = frames * count * 2;
  const view = new DataView(new ArrayBuffer(44 + bytes));
  /** @param {number} offset @param {string} text */
  const ascii = (offset, text) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + bytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, count, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * count * 2, true);
  view.setUint16(32, count * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, bytes, true);
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < count; c++) {
      const sample = Math.max(-1, Math.min(1, channels[c]?.[i] ?? 0));
      view.setInt16(offset, Math.round(sample < 0 ? sample * 0x8000 : sample * 0x7fff), true);
      offset += 2;
    }
  }
  return new Blob([view.buffer], { type: "audio/wav" });
}

/**
 * Blocks of planar samples joined into one.
 * @param {Planar[]} blocks
 * @returns {Planar}
 */
function joined(blocks) {
  if (!blocks.length) return [];
  const count = Math.max(...blocks.map((block) => block.length));
  const frames = blocks.reduce((sum, block) => sum + block[0].length, 0);
  const channels = [];
  for (let c = 0; c < count; c++) {
    const out = new Float32Array(frames);
    let offset = 0;
    for (const block of blocks) {
      out.set(block[c] ?? block[0], offset);
      offset += block[0].length;
    }
    channels.push(out);
  }
  return channels;
}

/** The microphone, recorded as PCM: `start`, `pause`/`resume`, `drain` (what came since the last
 * drain), `stop` (the rest, and the microphone released). */
export class Recorder {
  /** @param {{onLevel?: (level: number) => void}} [options] `onLevel`: 0..1, per batch */
  constructor({ onLevel } = {}) {
    this.onLevel = onLevel;
    this.paused = false;
    /** @type {Planar[]} */
    this.pending = [];
    this.frames = 0;
    this.rate = 48000;
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {AudioContext | null} */
    this.context = null;
    /** @type {AudioWorkletNode | null} */
    this.node = null;
    /** @type {(() => void) | null} */
    this.onFlushed = null;
  }

  /** Ask for the microphone and start recording (rejects when it is refused). */
  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    try {
      const context = new AudioContext();
      this.context = context;
      await context.audioWorklet.addModule(new URL("./audio_capture_worklet.js", import.meta.url).href);
      const source = context.createMediaStreamSource(this.stream);
      const node = new AudioWorkletNode(context, "blocks-capture");
      this.node = node;
      node.port.onmessage = (event) => (event.data === "flushed" ? this.onFlushed?.() : this.receive(event.data));
      source.connect(node);
      node.connect(context.destination); // it outputs silence; being connected keeps it running
      this.rate = context.sampleRate;
      if (context.state === "suspended") await context.resume();
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** @param {Planar} channels */
  receive(channels) {
    if (this.paused || !channels.length || !channels[0].length) return;
    this.pending.push(channels);
    this.frames += channels[0].length;
    if (this.onLevel) {
      let sum = 0;
      for (const sample of channels[0]) sum += sample * sample;
      this.onLevel(Math.min(1, Math.sqrt(sum / channels[0].length) * 4));
    }
  }

  /** Seconds recorded so far (pauses left out). */
  get seconds() {
    return this.frames / this.rate;
  }

  /** The samples recorded since the last drain. */
  drain() {
    const blocks = this.pending;
    this.pending = [];
    return joined(blocks);
  }

  /** Stop: the samples not drained yet (the worklet's last batch included). */
  async stop() {
    if (this.node) {
      const flushed = new Promise((resolve) => {
        this.onFlushed = () => resolve(undefined);
        setTimeout(resolve, 500);
      });
      this.node.port.postMessage("flush");
      await flushed;
    }
    this.release();
    return this.drain();
  }

  release() {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.node?.disconnect();
    this.context?.close().catch(() => {});
    this.stream = null;
    this.node = null;
    this.context = null;
  }
}

/** Plays the chunks of a streamed output one after the other, gaplessly: each is fetched and
 * decoded as soon as it arrives and starts where the one before ends. A chunk that cannot be
 * fetched (another origin) or decoded plays in a media element after the others. */
export class StreamPlayer {
  /** @param {() => void} onChange called when `received`, `played` or `blocked` changed */
  constructor(onChange) {
    this.onChange = onChange;
    /** @type {AudioContext | null} */
    this.audio = null;
    this.generation = 0;
    this.userPaused = false;
    this.token = "";
    this.received = 0;
    this.played = 0;
    /** @type {Set<AudioBufferSourceNode>} */
    this.sources = new Set();
    /** @type {AudioBuffer[]} */
    this.buffers = [];
    /** @type {HTMLAudioElement | null} */
    this.element = null;
    this.chain = Promise.resolve();
    this.nextTime = 0;
  }

  /**
   * Forget the current stream (what is playing stops) and start another.
   * @param {string} token the stream's id
   */
  reset(token) {
    this.generation++;
    for (const source of this.sources) {
      source.onended = null;
      source.stop();
    }
    this.element?.pause();
    this.token = token;
    this.received = 0;
    this.played = 0;
    this.sources = new Set();
    this.buffers = [];
    this.element = null;
    this.chain = Promise.resolve();
    this.nextTime = 0;
  }

  /** The page may not play sound before the user interacted with it: then this is true. */
  get blocked() {
    return this.audio?.state === "suspended" && !this.userPaused;
  }

  /** Paused by the user (`pause`). */
  get paused() {
    return this.userPaused;
  }

  context() {
    if (!this.audio) {
      this.audio = new AudioContext();
      this.audio.addEventListener("statechange", () => this.onChange());
      this.audio.resume().catch(() => {});
    }
    return this.audio;
  }

  /** Resume (after the autoplay policy held it, or a pause). */
  resume() {
    this.userPaused = false;
    return this.context().resume();
  }

  pause() {
    this.userPaused = true;
    return this.context().suspend();
  }

  /**
   * Queue the next chunk.
   * @param {string} url
   */
  push(url) {
    this.received++;
    const generation = this.generation;
    const decoding = this.decode(url);
    this.chain = this.chain.then(async () => {
      const buffer = await decoding;
      if (generation !== this.generation) return;
      if (buffer) this.schedule(buffer);
      else await this.playElement(url, generation);
    });
    this.onChange();
  }

  /**
   * @param {string} url
   * @returns {Promise<AudioBuffer | null>}
   */
  async decode(url) {
    if (!url) return null;
    try {
      const response = await fetch(url);
      if (!response.ok) return null;
      return await this.context().decodeAudioData(await response.arrayBuffer());
    } catch {
      return null;
    }
  }

  /** @param {AudioBuffer} buffer */
  schedule(buffer) {
    const context = this.context();
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    // A little lead for the first chunk (and after an underrun), none between chunks.
    const start = Math.max(this.nextTime, context.currentTime + 0.03);
    source.start(start);
    this.nextTime = start + buffer.duration;
    this.buffers.push(buffer);
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      this.played++;
      this.onChange();
    };
  }

  /**
   * @param {string} url
   * @param {number} generation
   */
  async playElement(url, generation) {
    if (!url) {
      this.played++; // an unsafe URL (fileUrl refused it): nothing to play
      this.onChange();
      return;
    }
    const context = this.context();
    const wait = Math.max(0, this.nextTime - context.currentTime);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    if (generation !== this.generation) return;
    const element = new Audio(url);
    this.element = element;
    const ended = new Promise((resolve) => {
      element.addEventListener("ended", resolve, { once: true });
      element.addEventListener("error", resolve, { once: true });
    });
    try {
      await element.play();
      await ended;
    } catch {
      // refused or unplayable: counted all the same, so the stream goes on
    }
    if (generation !== this.generation) return;
    this.played++;
    this.nextTime = context.currentTime;
    this.onChange();
  }

  /** Every decoded chunk so far as one WAV (for the player, once the stream has played). */
  combined() {
    if (!this.buffers.length || !this.audio) return null;
    const count = Math.max(...this.buffers.map((buffer) => buffer.numberOfChannels));
    const blocks = this.buffers.map((buffer) =>
      Array.from({ length: count }, (_, c) => buffer.getChannelData(Math.min(c, buffer.numberOfChannels - 1))),
    );
    return encodeWav(joined(blocks), this.audio.sampleRate);
  }
}
