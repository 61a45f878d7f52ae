const WHITE = '#ffffff';
const INK = '#111111';

/** White or near-black, whichever contrasts more with `#rrggbb` (WCAG relative luminance). */
export function readableOn(colour: string): string {
  const on = luminance(colour);
  const withWhite = 1.05 / (on + 0.05);
  const withInk = (on + 0.05) / (luminance(INK) + 0.05);
  return withWhite >= withInk ? WHITE : INK;
}

function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(colour.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
