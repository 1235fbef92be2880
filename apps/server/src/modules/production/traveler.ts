// The job traveler: an A4 PDF that goes with the work on the floor — the order's header, the
// materials it draws, and one QR code per process step that operators scan to start, pause and
// complete that step.
import PDFDocument from 'pdfkit';
import { barcodePng, stepCodeText } from '../labels/render.ts';
import type { WorkOrderView } from './work-order-view.ts';

const MM = 72 / 25.4;

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function renderTraveler(wo: WorkOrderView, workspaceName: string): Promise<Buffer> {
  const qrs = await Promise.all(
    wo.steps.map((s) => barcodePng({ symbology: 'qrcode', text: stepCodeText(wo.number, s.seq) }, 4)),
  );
  const doc = new PDFDocument({
    size: 'A4',
    margin: 15 * MM,
    info: { Title: `Traveler ${wo.number}`, Author: 'OpsLedger' },
  });
  const done = collect(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('Helvetica-Bold').fontSize(20).text(`Job traveler ${wo.number}`, left, doc.y);
  doc.font('Helvetica').fontSize(9).fillColor('#444').text(workspaceName).fillColor('black').moveDown(0.5);
  const header: [string, string][] = [
    ['Item', `${wo.sku} — ${wo.itemName}`],
    ['Quantity', wo.qty],
    ['Due', wo.dueDate ?? '—'],
    ['Materials from', wo.componentsFrom],
    ['Output to', wo.outputTo],
    ['Routing / BOM', `v${wo.routing.version}${wo.bom ? ` / v${wo.bom.version}` : ''}`],
    ['Status', wo.status],
  ];
  doc.fontSize(11);
  for (const [label, value] of header) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(label, left, y, { width: 35 * MM });
    doc.font('Helvetica').text(value, left + 38 * MM, y, { width: width - 38 * MM });
  }

  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text('Materials', left);
  doc.fontSize(10);
  if (!wo.components.length) doc.font('Helvetica').text('No bill of materials.');
  for (const c of wo.components) {
    const y = doc.y;
    doc.font('Helvetica').text(`${c.sku} — ${c.name}`, left, y, { width: width * 0.6 });
    doc.text(`${c.requiredQty} ${c.uom}`, left + width * 0.65, y, { width: width * 0.35, align: 'right' });
  }

  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text('Process steps', left).moveDown(0.3);
  const rowHeight = 36 * MM;
  for (const [i, step] of wo.steps.entries()) {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc
      .rect(left, top, width, rowHeight - 3 * MM)
      .strokeColor('#999')
      .stroke();
    doc.image(qrs[i]!, left + 2 * MM, top + 2 * MM, { fit: [28 * MM, 28 * MM] });
    const x = left + 34 * MM;
    doc
      .font('Helvetica-Bold')
      .fontSize(14)
      .fillColor('black')
      .text(`${step.seq}. ${step.name}`, x, top + 3 * MM);
    doc.font('Helvetica').fontSize(10).text(`Work center ${step.workCenter}`, x);
    if (step.stdMinutesPerUnit) doc.text(`Standard ${step.stdMinutesPerUnit} min per unit`, x);
    doc.fontSize(8).fillColor('#555').text(stepCodeText(wo.number, step.seq), x).fillColor('black');
    doc.fontSize(10).text('Good ________   Scrap ________   Initials ______', x, top + rowHeight - 11 * MM);
    doc.y = top + rowHeight;
  }
  doc.end();
  return done;
}
