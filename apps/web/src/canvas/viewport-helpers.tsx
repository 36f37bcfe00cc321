/**
 * Viewport helpers inside a React Flow: follow the selection, keep a small flow in view.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { mediatorId, type CanvasLayout } from './layout.js';

/** Brings the selected mediator into view when it is selected from elsewhere (Logs, Problems). */
export function FollowSelection({ layout, selected }: { layout: CanvasLayout; selected?: string }) {
  const flow = useReactFlow();
  const host = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!selected) return;
    const n = layout.nodes.find(
      (x) => x.id === mediatorId(selected.split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
    );
    host.current ??= document.querySelector('.canvas .react-flow');
    if (!n || !host.current) return;
    const { x, y, zoom } = flow.getViewport();
    const r = host.current.getBoundingClientRect();
    const left = n.x * zoom + x;
    const top = n.y * zoom + y;
    const visible =
      left >= 0 && top >= 0 && left + n.width * zoom <= r.width && top + n.height * zoom <= r.height;
    if (!visible)
      void flow.setCenter(n.x + n.width / 2, n.y + n.height / 2, {
        zoom: Math.max(zoom, 0.8),
        duration: 200,
      });
  }, [selected, layout, flow]);
  return null;
}

/**
 * Keeps a small flow in view as it grows (auto-layout means nodes move when one is inserted);
 * a large one is left where the user scrolled it.
 */
export function AutoFit({ layout }: { layout: CanvasLayout }) {
  const flow = useReactFlow();
  const first = useRef(true);
  const check = useRef(() => {});
  check.current = () => {
    const el = document.querySelector('.canvas .react-flow');
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const { x, y, zoom } = flow.getViewport();
    const fits =
      x + layout.width * zoom <= r.width && y + layout.height * zoom <= r.height && x >= 0 && y >= 0;
    const fitZoom = Math.min(r.width / (layout.width + 80), r.height / (layout.height + 60));
    if (!fits && fitZoom >= 0.45) void flow.fitView({ maxZoom: 1, padding: 0.08 });
  };
  useEffect(() => {
    if (first.current) first.current = false;
    else check.current();
  }, [layout]);
  useEffect(() => {
    // The canvas narrows when the Split view opens or the window shrinks.
    const el = document.querySelector('.canvas');
    if (!el) return;
    let last = el.getBoundingClientRect().width;
    const ro = new ResizeObserver(() => {
      const w = el.getBoundingClientRect().width;
      if (Math.abs(w - last) > 40) check.current();
      last = w;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return null;
}
