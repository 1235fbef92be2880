// Prints barcode labels for items or locations: the server renders a PDF sheet, which we open from
// a blob URL so the bearer token never ends up in an address.
import { useMutation } from '@tanstack/react-query';
import { useConsoleApi } from '../console-api.ts';
import { messageOf } from '../problem.ts';
import { openBlob } from './format.ts';

export function LabelButton({
  kind,
  code,
  label,
}: {
  kind: 'items' | 'locations';
  code: string;
  label?: string;
}) {
  const api = useConsoleApi();
  const print = useMutation({
    mutationFn: () => api.blob('POST', '/labels', { [kind]: [code], format: 'pdf' }),
    onSuccess: openBlob,
  });
  return (
    <>
      <button type="button" onClick={() => print.mutate()} disabled={print.isPending}>
        {print.isPending ? 'Preparing…' : (label ?? 'Print label')}
      </button>
      {print.error && <span role="alert">{messageOf(print.error)}</span>}
    </>
  );
}
