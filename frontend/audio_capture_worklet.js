// The AudioWorklet of audio_media.js's Recorder: copies the microphone's samples to the page in
// batches of about 4096 frames (one message per ~85 ms at 48 kHz, not one per 128 frames).
// The message "flush" sends what is left at once, then "flushed".

const BATCH = 4096;
// The worklet scope's globals, which the DOM typings (frontend/jsconfig.json) do not know.
/** @type {any} */
const scope = globalThis;

class CaptureProcessor extends scope.AudioWorkletProcessor {
  constructor() {
    super();
    /** @type {Float32Array[][]} */
    this.blocks = [];
    this.frames = 0;
    this.port.onmessage = (event) => {
      if (event.data !== "flush") return;
      if (this.frames) this.flush();
      this.port.postMessage("flushed");
    };
  }

  /** @param {Float32Array[][]} inputs */
  process(inputs) {
    const input = inputs[0];
    if (input && input.length && input[0].length) {
      this.blocks.push(input.map((channel) => channel.slice()));
      this.frames += input[0].length;
      if (this.frames >= BATCH) this.flush();
    }
    return true;
  }

  flush() {
    const count = Math.max(...this.blocks.map((block) => block.length));
    const channels = [];
    for (let c = 0; c < count; c++) {
      const out = new Float32Array(this.frames);
      let offset = 0;
      for (const block of this.blocks) {
        out.set(block[c] ?? block[0], offset);
        offset += block[0].length;
      }
      channels.push(out);
    }
    this.port.postMessage(channels, channels.map((channel) => channel.buffer));
    this.blocks = [];
    this.frames = 0;
  }
}

scope.registerProcessor("blocks-capture", CaptureProcessor);
