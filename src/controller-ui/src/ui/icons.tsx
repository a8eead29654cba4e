// Inline SVG icons: no icon font to fetch, crisp at any size.
const paths = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
  stop: 'M6 6h12v12H6z',
  undo: 'M12.5 8c-2.6 0-5 1-6.9 2.6L2 7v9h9l-3.6-3.6c1.4-1.2 3.1-1.9 5.1-1.9 3.5 0 6.5 2.3 7.6 5.5l2.4-.8C21 11 17.1 8 12.5 8z',
  redo: 'M18.4 10.6C16.6 9 14.1 8 11.5 8 6.9 8 3 11 1.5 15.2l2.4.8c1.1-3.2 4.1-5.5 7.6-5.5 2 0 3.7.7 5.1 1.9L13 16h9V7z',
  follow: 'M12 2v4M12 18v4M4 12H2M22 12h-2M12 8a4 4 0 100 8 4 4 0 000-8z',
  zoomIn: 'M10 4a6 6 0 014.7 9.7l5 5-1.4 1.4-5-5A6 6 0 1110 4zm-1 3v2H7v2h2v2h2v-2h2V9h-2V7z',
  zoomOut: 'M10 4a6 6 0 014.7 9.7l5 5-1.4 1.4-5-5A6 6 0 1110 4zM7 9v2h6V9z',
  fit: 'M3 5h2v14H3zM19 5h2v14h-2zM7 11h10v2H7z',
  trash: 'M6 7h12l-1 13H7zM9 4h6l1 2H8z',
  loop: 'M7 7h10v3l4-4-4-4v3H5v6h2zM17 17H7v-3l-4 4 4 4v-3h12v-6h-2z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 24 }: { name: IconName; size?: number }) {
  const stroke = name === 'follow';
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={paths[name]}
        fill={stroke ? 'none' : 'currentColor'}
        stroke={stroke ? 'currentColor' : 'none'}
        stroke-width={stroke ? 2 : 0}
      />
    </svg>
  );
}
