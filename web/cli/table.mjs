// Plain-text table with columns padded to their widest cell; the last column is left unpadded.
export function formatTable(header, rows) {
    const all = [header, ...rows].map((row) => row.map(String));
    const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
    const line = (row) => row.map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths[column])).join('  ').trimEnd();
    const rule = widths.map((width) => '-'.repeat(width)).join('  ');
    return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n') + '\n';
}
