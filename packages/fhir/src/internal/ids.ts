/**
 * Server ids for a case's resources. Kit ids are unique within one case only, so
 * each resource id joins a readable prefix of the kit id with a hash of the case id
 * and the kit id: two cases on one server never share a resource. The kit id itself
 * travels in an identifier (see IDENTIFIER.entityId), so the mapping back is exact.
 */
export function resourceId(caseId: string, kitId: string): string {
  return `${kitId.slice(0, 40)}-${hash(`${caseId}\u0000${kitId}`)}`;
}

/** 64 bits of two differently seeded FNV-1a-style hashes, as 16 hex digits. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
