/**
 * The "Changed on disk" notice: files of the project were changed by another editor while the
 * studio was open; one click reloads them (unsaved edits here are kept, as conflicts).
 */
import { useStore } from 'zustand';
import { diskChanges, reloadFromDisk } from '../state/disk-changes.js';
import { studio } from '../state/store.js';

export function DiskChanged() {
  const files = useStore(diskChanges, (s) => s.files);
  if (!files.length) return null;
  return (
    <div className="toast toast-info" data-testid="disk-changed" role="status">
      <div className="toast-title">Changed on disk</div>
      <div className="toast-detail">{files.join(', ')}</div>
      <button
        className="small"
        style={{ marginTop: 6 }}
        data-testid="disk-reload"
        onClick={() => void reloadFromDisk(studio)}
      >
        Reload
      </button>
    </div>
  );
}
