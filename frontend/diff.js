// Applying value deltas sent by the server; mirrors `apply` in blocks/diff.py.

/** @typedef {import("./protocol.js").Op} Op */

/**
 * Apply `ops` to `value`, in place where possible, and return the result.
 * @param {any} value
 * @param {Op[]} ops
 * @returns {any}
 */
export function applyOps(value, ops) {
  for (const op of ops) {
    const path = op.path ?? [];
    const operand = op.value === undefined ? null : op.value;
    if (path.length === 0) {
      value = applyAtRoot(value, op.op, operand);
      continue;
    }
    let parent = value;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1];
    if (op.op === "replace") {
      if (Array.isArray(parent) && last === parent.length) parent.push(operand);
      else parent[last] = operand;
    } else {
      parent[last] = applyAtRoot(parent[last], op.op, operand);
    }
  }
  return value;
}

/**
 * @param {any} value
 * @param {string} kind
 * @param {any} operand
 * @returns {any}
 */
function applyAtRoot(value, kind, operand) {
  if (kind === "replace") return operand;
  if (kind === "append") {
    if (typeof value !== "string") throw new TypeError(`'append' needs a string to grow, found ${kindOf(value)}`);
    return value + operand;
  }
  if (kind === "extend") {
    if (!Array.isArray(value)) throw new TypeError(`'extend' needs a list to grow, found ${kindOf(value)}`);
    value.push(...operand);
    return value;
  }
  throw new TypeError(`unknown op ${JSON.stringify(kind)}; expected replace, append or extend`);
}

/** @param {any} value */
function kindOf(value) {
  return value === null ? "null" : Array.isArray(value) ? "list" : typeof value;
}

/**
 * Deep equality of two JSON values (used to decide whether a server value really changed).
 * @param {any} a
 * @param {any} b
 * @returns {boolean}
 */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!(key in b) || !jsonEqual(a[key], b[key])) return false;
  return true;
}

/**
 * Whether applying `op` to `value` would change it.
 * @param {any} value
 * @param {Op} op
 * @returns {boolean}
 */
export function opChanges(value, op) {
  const operand = op.value === undefined ? null : op.value;
  if (op.op !== "replace") return operand != null && operand.length > 0;
  let current = value;
  for (const key of op.path ?? []) {
    if (current === null || typeof current !== "object" || !(key in current)) return true;
    current = current[key];
  }
  return !jsonEqual(current, operand);
}
