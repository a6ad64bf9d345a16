import mongoose, { type Schema } from 'mongoose';

/**
 * Bulk inserts without a mongoose document per row. `Model.insertMany` builds and validates a full
 * document for every row, which costs about a millisecond each — more than the database write itself
 * for large imports. This builds the very same stored form (ObjectId casting, defaults, nested paths,
 * timestamps, version key) and runs the same required and enum checks straight from the schema, so the
 * driver can insert plain objects. Anything it cannot reproduce exactly — setters, other validators,
 * validation or insertMany middleware, a value that would need casting — makes it return null, and the
 * caller uses insertMany as before.
 */

type Kind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'objectId'
  | 'mixed'
  | 'array'
  | 'docArray'
  | 'embedded';

interface Node {
  path: string[];
  kind: Kind;
  required: boolean;
  enumValues?: Set<unknown>;
  makeDefault?: () => unknown;
  /** Element kind and enum of an array of primitives. */
  element?: { kind: Kind; enumValues?: Set<unknown> };
  /** Plan of a document array's elements or a single nested document. */
  sub?: Plan;
}

interface Plan {
  nodes: Node[];
  hasId: boolean;
  timestamps: string[];
  versionKey: string | null;
}

const FAIL = Symbol('unsupported');
type Fail = typeof FAIL;

const KINDS: Record<string, Kind> = {
  String: 'string',
  Number: 'number',
  Boolean: 'boolean',
  Date: 'date',
  ObjectId: 'objectId',
  Mixed: 'mixed',
};

// biome-ignore lint/suspicious/noExplicitAny: mongoose SchemaType internals (options, validators, caster) are untyped.
type AnyType = any;

function plainValidatorsOnly(st: AnyType): boolean {
  if ((st.setters?.length ?? 0) > 0) return false;
  if (typeof st.options?.required === 'function') return false;
  return (st.validators ?? []).every((v: { type?: string }) => v.type === 'required' || v.type === 'enum');
}

function defaultOf(st: AnyType, kind: Kind): (() => unknown) | undefined {
  if (st.options && 'default' in st.options) {
    const d = st.options.default;
    if (d === undefined) return undefined;
    if (typeof d === 'function') return () => d();
    return () => structuredClone(d);
  }
  // Arrays default to an empty array unless the schema says otherwise.
  return kind === 'array' || kind === 'docArray' ? () => [] : undefined;
}

function enumOf(st: AnyType): Set<unknown> | undefined {
  const values = st?.enumValues as unknown[] | undefined;
  return values?.length ? new Set(values) : undefined;
}

function compile(schema: Schema, topLevel: boolean): Plan | null {
  // biome-ignore lint/suspicious/noExplicitAny: schema options and hooks are not in the public types.
  const s = schema as any;
  const hooks = s.s?.hooks;
  if (!hooks?._pres || hooks._pres.get('validate')?.length || hooks._posts?.get('validate')?.length)
    return null;
  if (s.discriminators && Object.keys(s.discriminators).length) return null;
  const timestamps: string[] = [];
  const ts = s.options?.timestamps;
  if (topLevel && ts) {
    if (ts === true) timestamps.push('createdAt', 'updatedAt');
    else if (typeof ts === 'object' && !ts.currentTime) {
      for (const key of ['createdAt', 'updatedAt'] as const) {
        if (ts[key] === false) continue;
        timestamps.push(typeof ts[key] === 'string' ? ts[key] : key);
      }
    } else return null;
  }
  const versionKey = topLevel && typeof s.options?.versionKey === 'string' ? s.options.versionKey : null;
  const plan: Plan = { nodes: [], hasId: false, timestamps, versionKey };
  for (const [path, st] of Object.entries(schema.paths) as [string, AnyType][]) {
    if (path === '_id') {
      plan.hasId = true;
      continue;
    }
    if (path === versionKey || timestamps.includes(path)) continue;
    if (!plainValidatorsOnly(st)) return null;
    const node: Node = { path: path.split('.'), kind: 'mixed', required: Boolean(st.isRequired) };
    if (st.$isMongooseDocumentArray) {
      const sub = compile(st.schema, false);
      if (!sub || node.required) return null;
      node.kind = 'docArray';
      node.sub = sub;
    } else if (st.instance === 'Array') {
      const el = st.embeddedSchemaType ?? st.caster;
      const kind = KINDS[el?.instance as string];
      if (!kind || kind === 'mixed' || !plainValidatorsOnly(el) || node.required) return null;
      node.kind = 'array';
      node.element = { kind, enumValues: enumOf(el) };
    } else if (st.instance === 'Embedded') {
      const sub = compile(st.schema, false);
      if (!sub || node.required) return null;
      node.kind = 'embedded';
      node.sub = sub;
    } else {
      const kind = KINDS[st.instance as string];
      if (!kind) return null;
      node.kind = kind;
      node.enumValues = enumOf(st);
    }
    node.makeDefault = defaultOf(st, node.kind);
    plan.nodes.push(node);
  }
  return plan;
}

function castScalar(kind: Kind, v: unknown): unknown {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? v : FAIL;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : FAIL;
    case 'boolean':
      return typeof v === 'boolean' ? v : FAIL;
    case 'date':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v : FAIL;
    case 'objectId':
      if (v instanceof mongoose.Types.ObjectId) return v;
      return typeof v === 'string' && /^[0-9a-f]{24}$/i.test(v) ? new mongoose.Types.ObjectId(v) : FAIL;
    case 'mixed':
      return v;
    default:
      return FAIL;
  }
}

function getPath(row: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = row;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setPath(out: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = out;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    cur[key] ??= {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

function castNode(node: Node, v: unknown): unknown {
  switch (node.kind) {
    case 'array': {
      if (!Array.isArray(v)) return FAIL;
      const out: unknown[] = [];
      for (const el of v) {
        const c = castScalar(node.element!.kind, el);
        if (c === FAIL || (node.element!.enumValues && !node.element!.enumValues.has(c))) return FAIL;
        out.push(c);
      }
      return out;
    }
    case 'docArray': {
      if (!Array.isArray(v)) return FAIL;
      const out: unknown[] = [];
      for (const el of v) {
        if (el === null || typeof el !== 'object') return FAIL;
        const c = build(node.sub!, el as Record<string, unknown>, null);
        if (c === FAIL) return FAIL;
        out.push(c);
      }
      return out;
    }
    case 'embedded': {
      if (v === null || typeof v !== 'object') return FAIL;
      const c = build(node.sub!, v as Record<string, unknown>, null);
      return c === FAIL || Object.keys(c).length === 0 ? FAIL : c;
    }
    default: {
      const c = castScalar(node.kind, v);
      if (c === FAIL) return FAIL;
      if (node.enumValues && !node.enumValues.has(c)) return FAIL;
      if (node.required && node.kind === 'string' && c === '') return FAIL;
      return c;
    }
  }
}

function build(plan: Plan, row: Record<string, unknown>, now: Date | null): Record<string, unknown> | Fail {
  const out: Record<string, unknown> = {};
  if (plan.hasId) {
    const id = row._id === undefined ? new mongoose.Types.ObjectId() : castScalar('objectId', row._id);
    if (id === FAIL) return FAIL;
    out._id = id;
  }
  for (const node of plan.nodes) {
    let v = getPath(row, node.path);
    if (v === undefined && node.makeDefault) v = node.makeDefault();
    if (v === undefined) {
      if (node.required) return FAIL;
      continue;
    }
    if (v === null) {
      // Stored as null for scalars; anything else is left to mongoose.
      if (node.required || node.kind === 'array' || node.kind === 'docArray' || node.kind === 'embedded')
        return FAIL;
      setPath(out, node.path, null);
      continue;
    }
    const c = castNode(node, v);
    if (c === FAIL) return FAIL;
    setPath(out, node.path, c);
  }
  if (now) for (const key of plan.timestamps) out[key] = now;
  if (plan.versionKey) out[plan.versionKey] = 0;
  return out;
}

const plans = new WeakMap<Schema, Plan | null>();

/**
 * The documents `model.insertMany(rows)` would store, or null when this model or any row needs
 * mongoose's own handling (see the module comment). Insert the result with `model.collection`.
 */
export function buildInsertDocs(
  model: { schema: Schema },
  rows: Record<string, unknown>[],
  now: Date = new Date(),
): Record<string, unknown>[] | null {
  // biome-ignore lint/suspicious/noExplicitAny: the model's middleware registry is internal.
  if ((model as any)._middleware?.hasHooks?.('insertMany') !== false) return null;
  let plan = plans.get(model.schema);
  if (plan === undefined) {
    plan = compile(model.schema, true);
    plans.set(model.schema, plan);
  }
  if (!plan) return null;
  const out: Record<string, unknown>[] = [];
  for (const row of rows) {
    const doc = build(plan, row, now);
    if (doc === FAIL) return null;
    out.push(doc);
  }
  return out;
}
