// A catalogue is assembled from parts (one file per area). A key defined in two parts would
// silently take the text of the later one: joinParts refuses it, at compile time (the parts'
// key types must not overlap) and at load time (for keys the types cannot see).

export type Part = Readonly<Record<string, string>>;

/** Keys of two different parts that overlap: `never` when every key is defined once. */
export type Overlap<P extends Record<string, Part>> = {
  [A in keyof P]: { [B in Exclude<keyof P, A>]: keyof P[A] & keyof P[B] }[Exclude<keyof P, A>];
}[keyof P];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The keys of all the parts, with string values. */
export type Joined<P extends Record<string, Part>> = { [K in keyof UnionToIntersection<P[keyof P]>]: string };

/** A compile-time error that names the duplicate keys. */
type NoOverlap<P extends Record<string, Part>> = [Overlap<P>] extends [never] ? unknown : { 'duplicate key': Overlap<P> };

/** Every key defined in more than one part, with the parts that define it ("key: engine, hostile"). */
export function duplicateKeys(parts: Record<string, Part>): string[] {
  const owners = new Map<string, string[]>();
  for (const [name, part] of Object.entries(parts)) for (const key of Object.keys(part)) owners.set(key, [...(owners.get(key) ?? []), name]);
  return [...owners].filter(([, names]) => names.length > 1).map(([key, names]) => `${key}: ${names.join(', ')}`);
}

/** One catalogue from its parts; throws if a key is defined twice. */
export function joinParts<P extends Record<string, Part>>(parts: P & NoOverlap<P>): Joined<P> {
  const dups = duplicateKeys(parts);
  if (dups.length) throw new Error(`catalogue key defined twice: ${dups.join('; ')}`);
  return Object.assign({}, ...Object.values(parts)) as Joined<P>;
}
