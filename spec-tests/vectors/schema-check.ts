/**
 * A validator for the subset of JSON Schema (draft 2020-12) that vectors/schema.json uses:
 * type, const, enum, required, properties, additionalProperties, dependentRequired, items,
 * prefixItems, minItems, maxItems, minLength, pattern, minimum, maximum, oneOf and local $ref.
 * Annotations ($schema, title, description) are ignored; any other keyword is an error, so the
 * schema cannot quietly use something this does not check.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  'title',
  'description',
  '$defs',
  '$ref',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'dependentRequired',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'oneOf',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every violation of `schema` by `value`, as "path: what"; empty when it validates. */
export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '$', errors);
  return errors;
}

function resolve(root: Schema, ref: string): Schema {
  const m = /^#\/\$defs\/([\w-]+)$/.exec(ref);
  const target = m && (root.$defs as Record<string, Schema> | undefined)?.[m[1]];
  if (!target) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}

function check(root: Schema, schema: Schema, v: unknown, path: string, errors: string[]): void {
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) throw new Error(`schema keyword ${k} at ${path} is not supported`);
  if (typeof schema.$ref === 'string') check(root, resolve(root, schema.$ref), v, path, errors);
  const t = typeOf(v);
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer')))
      return void errors.push(`${path}: ${t}, expected ${types.join(' or ')}`);
  }
  if ('const' in schema && !deepEqual(v, schema.const))
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v)))
    errors.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(schema.oneOf)) {
    const passing = schema.oneOf.filter((s) => {
      const sub: string[] = [];
      check(root, s as Schema, v, path, sub);
      return sub.length === 0;
    }).length;
    if (passing !== 1) errors.push(`${path}: matches ${passing} of the oneOf schemas, expected exactly 1`);
  }
  if (t === 'string') {
    const s = v as string;
    if (typeof schema.minLength === 'number' && [...s].length < schema.minLength)
      errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(s))
      errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (t === 'integer' || t === 'number') {
    const n = v as number;
    if (typeof schema.minimum === 'number' && n < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && n > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (t === 'array') {
    const a = v as unknown[];
    if (typeof schema.minItems === 'number' && a.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && a.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
    a.forEach((item, i) => {
      const s = i < prefix.length ? prefix[i] : (schema.items as Schema | undefined);
      if (s) check(root, s, item, `${path}[${i}]`, errors);
    });
  }
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const k of (schema.required as string[] | undefined) ?? [])
      if (!(k in o)) errors.push(`${path}: missing ${k}`);
    for (const [k, deps] of Object.entries((schema.dependentRequired as Record<string, string[]> | undefined) ?? {})) {
      if (k in o) for (const d of deps) if (!(d in o)) errors.push(`${path}: has ${k} but not ${d}`);
    }
    for (const [k, item] of Object.entries(o)) {
      if (props[k]) check(root, props[k], item, `${path}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
    }
  }
}
