// ptonnx's ONNX Runtime worker: a persistent process the harness talks to
// over its stdin/stdout (lib/ort/ort_worker.cpp), so a case costs a pipe
// round trip, not a process start.
//
// Frames, both ways: a 4-byte little-endian length, that many bytes of JSON
// (the header), then the raw buffers the header lists, back to back.
//   request:  {"model_key": K, "model_size": M (0: K was sent before),
//              "inputs": [{"name", "type", "dims", "size"}]}
//             then M model bytes, then each input's little-endian data
//   response: {"ok": true, "outputs": [{"name", "type", "dims", "size"}]}
//             then each output's data; or {"ok": false, "stage": "load" |
//             "run" | "protocol", "error": message} and no buffers.
// Sessions are cached per model key (one per model structure), CPU only,
// one thread, graph optimizations as ONNX Runtime's default (what users get).
'use strict';
const ort = require('onnxruntime-node');

const ARRAYS = {
  bool: Uint8Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
  float16: Uint16Array, float32: Float32Array, float64: Float64Array,
};
const MAX_SESSIONS = 64;
const sessions = new Map();  // model key -> InferenceSession, oldest first

function typedView(type, bytes) {
  const A = ARRAYS[type];
  if (!A) throw new Error(`unknown tensor type '${type}'`);
  const copy = new Uint8Array(bytes);  // aligned, owned
  return new A(copy.buffer, 0, copy.byteLength / A.BYTES_PER_ELEMENT);
}

async function handle(header, buffers) {
  let k = 0;
  let session = sessions.get(header.model_key);
  if (header.model_size > 0) {
    const model = buffers[k++];
    if (!session) {
      try {
        session = await ort.InferenceSession.create(model, {intraOpNumThreads: 1, interOpNumThreads: 1});
      } catch (e) {
        return {header: {ok: false, stage: 'load', error: String(e && e.message || e)}, buffers: []};
      }
      sessions.set(header.model_key, session);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
    }
  }
  if (!session) return {header: {ok: false, stage: 'protocol', error: 'unknown model key (worker restarted?)'}, buffers: []};
  const feeds = {};
  for (const input of header.inputs) {
    const data = typedView(input.type, buffers[k++]);
    feeds[input.name] = new ort.Tensor(input.type === 'float16' ? 'float16' : input.type, data, input.dims);
  }
  let results;
  try {
    results = await session.run(feeds);
  } catch (e) {
    return {header: {ok: false, stage: 'run', error: String(e && e.message || e)}, buffers: []};
  }
  const outputs = [], out = [];
  for (const name of session.outputNames) {
    const t = results[name];
    const d = t.data;
    const bytes = Buffer.from(d.buffer, d.byteOffset, d.byteLength);
    outputs.push({name, type: t.type, dims: t.dims.map(Number), size: bytes.length});
    out.push(bytes);
  }
  return {header: {ok: true, outputs}, buffers: out};
}

function frame(header, buffers) {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  return Buffer.concat([len, json, ...buffers]);
}

let pending = Buffer.alloc(0);
let busy = Promise.resolve();

// Splits complete requests off `pending`; each is handled in order.
function pump() {
  for (;;) {
    if (pending.length < 4) return;
    const hlen = pending.readUInt32LE(0);
    if (pending.length < 4 + hlen) return;
    let header;
    try {
      header = JSON.parse(pending.subarray(4, 4 + hlen).toString());
    } catch (e) {
      process.stdout.write(frame({ok: false, stage: 'protocol', error: 'bad header: ' + e.message}, []));
      process.exit(2);
    }
    const sizes = [];
    if (header.model_size > 0) sizes.push(header.model_size);
    for (const i of header.inputs || []) sizes.push(i.size);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (pending.length < 4 + hlen + total) return;
    const buffers = [];
    let at = 4 + hlen;
    for (const s of sizes) {
      buffers.push(pending.subarray(at, at + s));
      at += s;
    }
    pending = pending.subarray(at);
    busy = busy.then(async () => {
      let reply;
      try {
        reply = await handle(header, buffers);
      } catch (e) {
        reply = {header: {ok: false, stage: 'run', error: String(e && e.message || e)}, buffers: []};
      }
      process.stdout.write(frame(reply.header, reply.buffers));
    });
  }
}

process.stdin.on('data', chunk => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  pump();
});
process.stdin.on('end', () => busy.then(() => process.exit(0)));
