/**
 * Mediator icons by the catalog's `icon` name: small monochrome glyphs drawn in SVG, so no icon
 * font or network fetch is needed.
 */
export const ICON_PATHS: Readonly<Record<string, string>> = {
  log: 'M4 4h12v12H4z M7 8h6 M7 11h6 M7 14h3',
  property: 'M5 6h10 M5 10h10 M5 14h6 M15 12l2 2-2 2',
  send: 'M3 10l14-6-5 14-3-6z',
  call: 'M3 10h9 M9 6l4 4-4 4 M15 5v10',
  callout: 'M3 7h10 M10 4l3 3-3 3 M17 13H7 M10 10l-3 3 3 3',
  in: 'M3 10h10 M9 6l4 4-4 4 M16 4v12',
  out: 'M17 10H7 M11 6l-4 4 4 4 M4 4v12',
  respond: 'M16 10H6 M10 6l-4 4 4 4 M16 6v8',
  drop: 'M5 5l10 10 M15 5L5 15',
  filter: 'M3 4h14l-5 7v5l-4-2v-3z',
  sequence: 'M4 5h5v4H4z M11 11h5v4h-5z M9 7h3v4',
  loopback: 'M14 6a5 5 0 1 0 1 6 M15 3v4h-4',
  variable: 'M5 5c-2 3-2 7 0 10 M15 5c2 3 2 7 0 10 M8 8l4 4 M12 8l-4 4',
  clone: 'M3 10h4 M7 10l4-5h6 M7 10h10 M7 10l4 5h6',
  foreach: 'M4 6h12v8H4z M7 6v8 M10 6v8 M13 6v8 M2 17h15 M14 15l3 2-3 2',
  scatterGather: 'M2 10h3 M5 10l4-5h2l4 5 M5 10h10 M5 10l4 5h2l4-5 M15 10h3',
  iterate: 'M3 5h4v10H3z M7 7h4l3-2h3 M7 10h10 M7 13h4l3 2h3',
  aggregate: 'M3 5h6l4 5 M3 10h14 M3 15h6l4-5',
  switch: 'M3 10h5 M8 10l8-5 M8 10h8 M8 10l8 5',
  rewrite: 'M3 6h9 M3 14h6 M12 14l5-5-2-2-5 5v2z',
  xslt: 'M3 5h6v10H3z M11 5h6v10h-6z M9 10h2 M5 8h2 M13 12h2',
  validate: 'M4 10l4 4 8-8',
  cache: 'M4 5c0-1 12-1 12 0v10c0 1-12 1-12 0z M4 5c0 1 12 1 12 0 M4 10c0 1 12 1 12 0',
  throttle: 'M3 15a7 7 0 0 1 14 0 M10 15l3-5 M3 15h14',
  raw: 'M7 6l-4 4 4 4 M13 6l4 4-4 4',
  fault: 'M10 3l8 14H2z M10 8v4 M10 14v1',
  enrich: 'M4 4h8v12H4z M14 7v6 M11 10h6',
  payloadFactory: 'M4 3h8l4 4v10H4z M12 3v4h4 M7 10h6 M7 13h4',
  header: 'M3 5h14 M3 5v10h14V5 M3 8h14 M6 11h5',
  script: 'M8 4c-2 0-2 1-2 3s-1 3-2 3c1 0 2 1 2 3s0 3 2 3 M12 4c2 0 2 1 2 3s1 3 2 3c-1 0-2 1-2 3s0 3-2 3',
  store: 'M4 5c0-2 12-2 12 0v10c0 2-12 2-12 0z M4 5c0 2 12 2 12 0 M4 10c0 2 12 2 12 0',
};

/** The icon of a mediator kind (an unknown name gets the raw-XML glyph). */
export function MediatorIcon({ name, size = 18 }: { name: string; size?: number }) {
  return (
    <svg
      className="mediator-icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={ICON_PATHS[name] ?? ICON_PATHS.raw} />
    </svg>
  );
}
