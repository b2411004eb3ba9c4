/**
 * The codec benchmark's baseline (codec.case.ts), the framing limit: a loop over the same
 * buffers that only walks the headers (reads code, length and security id, skips by length).
 * The checksum keeps the reads alive.
 */
export function framingPass(views: readonly DataView[], rounds: number): number {
  let checksum = 0;
  for (let r = 0; r < rounds; r++) {
    for (let f = 0; f < views.length; f++) {
      const view = views[f] as DataView;
      const end = view.byteLength;
      let offset = 0;
      while (offset + 8 <= end) {
        const code = view.getUint8(offset);
        const length = view.getUint16(offset + 1, true);
        const securityId = view.getUint32(offset + 4, true);
        checksum = (checksum + code + securityId) | 0;
        if (length < 8) break;
        offset += length;
      }
    }
  }
  return checksum;
}
