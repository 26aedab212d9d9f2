// Model3D: a 3D model (.obj, .glb, .gltf, .stl, .ply) to turn with the mouse, touch or the
// keyboard (three.js and its OrbitControls, from frontend/vendor/three, imported only once a
// model is to be drawn); when interactive, an upload of one such file. Without WebGL it says
// so and offers the file to download.

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptsFile, componentStyles, dropTarget, fileName, fileUrl, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("model3d.css", import.meta.url)]);

const FILE_TYPES = [".obj", ".glb", ".gltf", ".stl", ".ply"];
const NO_WEBGL =
  "This 3D model cannot be shown: the browser has WebGL turned off or does not offer it. Download the file to open it in another program.";

const ICON = {
  cube: '<path d="m12 3 8 4.5v9L12 21l-8-4.5v-9z"/><path d="m4 7.5 8 4.5 8-4.5M12 12v9"/>',
  reset: '<path d="M4 12a8 8 0 1 0 2.4-5.7L4 8.5"/><path d="M4 4v4.5h4.5"/>',
  download: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
  clear: '<path d="M6 6l12 12M18 6 6 18"/>',
};

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 16) {
  return strokeIcon(ICON[name], { size });
}

/** @type {Promise<any> | null} */
let threeModule = null;

/** three.js with its controls and loaders: imported once, when the first model is drawn. */
function loadThree() {
  // A computed URL, so type checking does not descend into the vendored file.
  threeModule ??= import(new URL("../vendor/three/three.min.mjs", import.meta.url).href);
  return threeModule;
}

/**
 * The bytes of a data: URL.
 * @param {string} url
 */
function dataBytes(url) {
  const comma = url.indexOf(",");
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (!head.endsWith(";base64")) return new TextEncoder().encode(decodeURIComponent(body)).buffer;
  const text = atob(body);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

/**
 * A GLTFLoader plugin that loads what a glTF carries inside it within the page's security
 * policy (connect-src 'self': no fetch of data: or blob: URLs): buffers decoded here, textures
 * through an <img> (img-src allows data: and blob:) instead of fetch and createImageBitmap.
 * @param {any} THREE
 */
function withinPagePolicy(THREE) {
  /** @param {any} parser */
  return (parser) => {
    parser.textureLoader = new THREE.TextureLoader(parser.options.manager);
    const files = parser.fileLoader;
    parser.fileLoader = {
      /** @param {string} url @param {(data: ArrayBuffer) => void} onLoad @param {any} onProgress @param {(error: unknown) => void} onError */
      load(url, onLoad, onProgress, onError) {
        if (!url.startsWith("data:")) return files.load(url, onLoad, onProgress, onError);
        try {
          onLoad(dataBytes(url));
        } catch (error) {
          onError(error);
        }
      },
    };
    return { name: "blocks_page_policy" };
  };
}

/**
 * The model in a file, as a three.js object.
 * @param {any} THREE
 * @param {ArrayBuffer} buffer
 * @param {string} name
 * @param {string} url
 */
async function parseModel(THREE, buffer, name, url) {
  const extension = name.toLowerCase().split(".").pop() ?? "";
  const material = (/** @type {any} */ geometry) =>
    new THREE.MeshStandardMaterial({ color: 0xb4bfcc, roughness: 0.6, side: THREE.DoubleSide, vertexColors: !!geometry.attributes.color });
  if (extension === "obj") return new THREE.OBJLoader().parse(new TextDecoder().decode(buffer));
  if (extension === "stl") {
    const geometry = new THREE.STLLoader().parse(buffer);
    return new THREE.Mesh(geometry, material(geometry));
  }
  if (extension === "ply") {
    const geometry = new THREE.PLYLoader().parse(buffer);
    if (!geometry.index) return new THREE.Points(geometry, new THREE.PointsMaterial({ size: 0, vertexColors: !!geometry.attributes.color }));
    if (!geometry.attributes.normal) geometry.computeVertexNormals();
    return new THREE.Mesh(geometry, material(geometry));
  }
  if (extension === "glb" || extension === "gltf") {
    const loader = new THREE.GLTFLoader();
    loader.register(withinPagePolicy(THREE));
    const gltf = await loader.parseAsync(buffer, url.slice(0, url.lastIndexOf("/") + 1));
    return gltf.scene;
  }
  throw new Error(`.${extension} files cannot be shown (only ${FILE_TYPES.join(", ")})`);
}

/** One WebGL scene: a model centred at the origin, a camera orbiting it, drawn on demand. */
class Viewer {
  /**
   * @param {any} THREE
   * @param {HTMLCanvasElement} canvas
   */
  constructor(THREE, canvas) {
    this.THREE = THREE;
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: true, alpha: true }); // throws without WebGL
    this.scene = new THREE.Scene();
    this.camera = new THREE.PerspectiveCamera(45, 1, 0.01, 1000);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x667080, 2));
    const light = new THREE.DirectionalLight(0xffffff, 1.6);
    light.position.set(1, 1.5, 2);
    this.camera.add(light); // lit from where the user looks
    this.scene.add(this.camera);
    this.controls = new THREE.OrbitControls(this.camera, canvas);
    this.controls.listenToKeyEvents(canvas); // arrow keys pan while the canvas has focus
    this.controls.addEventListener("change", () => this.draw());
    /** @type {any} */
    this.model = null;
    this.radius = 1;
  }

  /**
   * Show `object` (the previous model goes) drawn in `mode`, and aim the camera at it.
   * @param {any} object
   * @param {string} mode "solid", "wireframe" or "point_cloud"
   */
  setModel(object, mode) {
    const { THREE } = this;
    this.clearModel();
    const model = new THREE.Group();
    model.add(object);
    const box = new THREE.Box3().setFromObject(object);
    if (!box.isEmpty()) {
      object.position.sub(box.getCenter(new THREE.Vector3()));
      this.radius = box.getSize(new THREE.Vector3()).length() / 2 || 1;
    }
    const points = [];
    object.traverse((/** @type {any} */ part) => {
      if (part.isPoints && !part.material.size) part.material.size = this.radius / 150;
      if (!part.isMesh) return;
      const materials = Array.isArray(part.material) ? part.material : [part.material];
      if (mode === "wireframe") for (const each of materials) each.wireframe = true;
      if (mode === "point_cloud") {
        const color = materials[0]?.color ?? new THREE.Color(0xb4bfcc);
        points.push([part, new THREE.Points(part.geometry, new THREE.PointsMaterial({ color, size: this.radius / 150 }))]);
      }
    });
    for (const [mesh, cloud] of points) {
      mesh.visible = false;
      mesh.parent.add(cloud);
      cloud.position.copy(mesh.position);
      cloud.quaternion.copy(mesh.quaternion);
      cloud.scale.copy(mesh.scale);
    }
    this.model = model;
    this.scene.add(model);
  }

  /**
   * Place the camera at `(alpha, beta, radius)`: degrees around the vertical axis and from it
   * (null: in front, a little above), and the distance (null: the model fills the view).
   * @param {any[]} position
   */
  aim(position) {
    const [alpha, beta, distance] = Array.isArray(position) ? position : [];
    const a = ((typeof alpha === "number" ? alpha : -90) * Math.PI) / 180;
    const b = ((typeof beta === "number" ? beta : 75) * Math.PI) / 180;
    const fit = (this.radius / Math.sin((this.camera.fov * Math.PI) / 360)) * 1.1;
    const r = typeof distance === "number" && distance > 0 ? distance : fit;
    this.camera.position.set(r * Math.sin(b) * Math.cos(a), r * Math.cos(b), -r * Math.sin(b) * Math.sin(a));
    this.camera.near = Math.max(r / 1000, 1e-4);
    this.camera.far = r * 100 + this.radius * 10;
    this.camera.updateProjectionMatrix();
    this.controls.target.set(0, 0, 0);
    this.controls.update();
    this.controls.saveState();
    this.draw();
  }

  /** @param {Record<string, any>} props */
  style(props) {
    const color = Array.isArray(props.clear_color) && props.clear_color.length === 4 ? props.clear_color.map(Number) : [0, 0, 0, 0];
    this.renderer.setClearColor(new this.THREE.Color(color[0], color[1], color[2]), color[3]);
    this.controls.zoomSpeed = Number(props.zoom_speed) > 0 ? Number(props.zoom_speed) : 1;
    this.controls.panSpeed = Number(props.pan_speed) > 0 ? Number(props.pan_speed) : 1;
    this.draw();
  }

  /** @param {number} width @param {number} height */
  resize(width, height) {
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.draw();
  }

  reset() {
    this.controls.reset();
    this.draw();
  }

  draw() {
    this.renderer.render(this.scene, this.camera);
  }

  clearModel() {
    if (!this.model) return;
    this.scene.remove(this.model);
    this.model.traverse((/** @type {any} */ part) => {
      part.geometry?.dispose();
      for (const material of [part.material].flat()) {
        if (!material) continue;
        for (const value of Object.values(material)) if (value?.isTexture) value.dispose();
        material.dispose();
      }
    });
    this.model = null;
  }

  dispose() {
    this.clearModel();
    this.controls.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss(); // browsers allow only a few live WebGL contexts
  }
}

export class Model3DBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {Viewer | null} */
    this.viewer = null;
    /** What is drawn: url and display mode; `aimed` the camera_position it was aimed for. */
    this.drawn = "";
    this.aimed = "";
    /** @type {{url: string, buffer: Promise<ArrayBuffer>} | null} the file of the value */
    this.source = null;
    this.uploading = false;
    this.noWebgl = false;
    this.sized = new ResizeObserver(() => this.fit());
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    this.canvas = this.newCanvas();
    this.message = h("div", { class: "model3d-message", role: "status" });
    this.reset = h("button", { type: "button", class: "icon-button", "aria-label": "Reset view", title: "Reset view", hidden: true }, icon("reset"));
    this.reset.addEventListener("click", () => this.viewer?.reset());
    this.download = h("a", { class: "icon-button", "aria-label": "Download", title: "Download", hidden: true }, icon("download"));
    this.clear = h("button", { type: "button", class: "icon-button", "aria-label": "Clear", title: "Clear", hidden: true }, icon("clear"));
    this.clear.addEventListener("click", () => {
      this.commit(null);
      this.emit("clear");
    });
    this.prompt = h("button", { type: "button", class: "upload-prompt" }, icon("cube", 28), h("span", {}, "Drop a 3D model here or click to upload"));
    this.prompt.addEventListener("click", () => this.picker?.click());
    this.empty = h("div", { class: "upload-empty" }, icon("cube", 32));
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.stage = h("div", { class: "model3d-stage" }, this.canvas, this.message, this.prompt, this.empty, this.progress, h("div", { class: "upload-tools" }, this.reset, this.download, this.clear));
    this.picker = h("input", { type: "file", accept: FILE_TYPES.join(","), class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const file = this.picker?.files?.[0];
      if (this.picker) this.picker.value = "";
      if (file) this.take(file);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.heading.label, this.heading.info, this.stage, this.error, this.picker);
    dropTarget(this.stage, (files) => this.take(files[0]), () => this.interactive && !this.uploading);
    this.sized.observe(this.stage);
  }

  /** A canvas for a WebGL context (one whose context was let go cannot get another). */
  newCanvas() {
    return h("canvas", { class: "model3d-canvas", role: "img", tabindex: "0", hidden: true });
  }

  connectedCallback() {
    if (this.built) this.render(); // moved in the page: draw again
  }

  disconnectedCallback() {
    if (this.viewer) {
      this.viewer.dispose();
      const canvas = this.newCanvas();
      this.canvas?.replaceWith(canvas);
      this.canvas = canvas;
    }
    this.viewer = null;
    this.drawn = "";
    this.aimed = "";
  }

  render() {
    const { props } = this;
    this.heading?.update(props);
    this.setAttribute("role", "group");
    if (this.label && this.heading) {
      this.setAttribute("aria-labelledby", this.heading.labelId);
      this.removeAttribute("aria-label");
    } else {
      this.removeAttribute("aria-labelledby");
      this.setAttribute("aria-label", "3D model");
    }
    const url = fileUrl(this.value);
    const name = this.value ? fileName(this.value) : "";
    const stage = /** @type {HTMLElement} */ (this.stage);
    stage.style.height = typeof props.height === "number" ? `${props.height}px` : typeof props.height === "string" ? props.height : "";
    stage.classList.toggle("has-model", !!url);
    const canvas = /** @type {HTMLCanvasElement} */ (this.canvas);
    canvas.setAttribute("aria-label", `${this.label || "3D model"}${name ? `: ${name}` : ""} (drag to turn, scroll to zoom, arrow keys to pan)`);
    const download = /** @type {HTMLAnchorElement} */ (this.download);
    download.hidden = !url;
    if (url) {
      download.href = url;
      download.download = name;
    }
    /** @type {HTMLElement} */ (this.clear).hidden = !url || !this.interactive;
    const prompt = /** @type {HTMLButtonElement} */ (this.prompt);
    prompt.hidden = !!url || !this.interactive;
    prompt.setAttribute("aria-label", `Upload 3D model${this.label ? ` (${this.label})` : ""}`);
    /** @type {HTMLElement} */ (this.empty).hidden = !!url || this.interactive;
    if (!url) {
      this.source = null;
      this.drawn = "";
      this.viewer?.clearModel();
      delete this.dataset.state;
      canvas.hidden = true;
      /** @type {HTMLElement} */ (this.reset).hidden = true;
      this.say("");
      return;
    }
    if (this.source?.url !== url) {
      // Fetched at once (same origin), drawn once the stage has a size: a hidden tab waits.
      this.source = { url, buffer: fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`)))) };
      this.source.buffer.catch(() => {});
    }
    this.viewer?.style(props);
    this.fit();
  }

  /** Size the canvas to the stage and draw the value when it is not drawn yet. */
  fit() {
    const stage = /** @type {HTMLElement} */ (this.stage);
    const width = stage.clientWidth;
    const height = stage.clientHeight;
    if (!width || !height || !this.source || !this.isConnected) return;
    this.viewer?.resize(width, height);
    this.draw();
  }

  async draw() {
    const source = this.source;
    const mode = ["wireframe", "point_cloud"].includes(this.props.display_mode) ? this.props.display_mode : "solid";
    const key = `${source?.url} ${mode}`;
    if (!source || this.drawn === key || this.noWebgl) return this.aim();
    this.drawn = key;
    const name = fileName(this.value);
    this.dataset.state = "loading";
    this.say(`Loading ${name}…`);
    try {
      const [THREE, buffer] = await Promise.all([loadThree(), source.buffer]);
      if (this.source !== source || this.drawn !== key) return; // another value came meanwhile
      const viewer = this.viewer ?? this.makeViewer(THREE);
      if (!viewer) return;
      const object = await parseModel(THREE, buffer, name, source.url);
      if (this.source !== source || this.drawn !== key || this.viewer !== viewer) return;
      viewer.setModel(object, mode);
      viewer.style(this.props);
      const stage = /** @type {HTMLElement} */ (this.stage);
      viewer.resize(stage.clientWidth, stage.clientHeight);
      this.aimed = "";
      /** @type {HTMLElement} */ (this.canvas).hidden = false;
      /** @type {HTMLElement} */ (this.reset).hidden = false;
      this.say("");
      this.aim();
      this.dataset.state = "ready";
    } catch (error) {
      if (this.source !== source) return;
      this.drawn = "";
      this.dataset.state = "error";
      /** @type {HTMLElement} */ (this.canvas).hidden = true;
      this.say(`The 3D model ${name} could not be shown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** @param {any} THREE */
  makeViewer(THREE) {
    try {
      this.viewer = new Viewer(THREE, /** @type {HTMLCanvasElement} */ (this.canvas));
      return this.viewer;
    } catch {
      this.noWebgl = true;
      this.dataset.state = "no-webgl";
      this.say(NO_WEBGL);
      return null;
    }
  }

  /** Aim the camera anew when `camera_position` changed (and after a new model). */
  aim() {
    const key = JSON.stringify(this.props.camera_position ?? null);
    if (!this.viewer?.model || this.aimed === key) return;
    this.aimed = key;
    this.viewer.aim(this.props.camera_position);
  }

  /** @param {string} text */
  say(text) {
    showMessage(/** @type {HTMLElement} */ (this.message), text);
  }

  /**
   * Upload a model and make it the value.
   * @param {File | undefined} file
   */
  async take(file) {
    if (!file || this.uploading || !this.interactive) return;
    const error = /** @type {HTMLElement} */ (this.error);
    if (!acceptsFile(FILE_TYPES, file)) {
      showMessage(error, `${file.name} is not a 3D model Blocks can show (${FILE_TYPES.join(", ")})`);
      return;
    }
    showMessage(error, "");
    this.uploading = true;
    try {
      const [data] = await uploadShowing([file], /** @type {HTMLElement} */ (this.progress));
      this.commit(data);
      this.emit("upload", data);
    } catch (problem) {
      showMessage(error, problem instanceof Error ? problem.message : String(problem));
    } finally {
      this.uploading = false;
    }
  }
}

define("model3d", Model3DBlock);
