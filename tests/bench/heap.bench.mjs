// WebAssembly memory before and after 100,000 assess calls (after one warm-up call): it must not grow (flat).
import { newEngine, fullAnswersText, row } from './support.mjs';

const calls = 100000;
const mb = (bytes) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

export const title = 'WebAssembly heap';

export async function run() {
    const engine = await newEngine();
    const document = fullAnswersText();
    engine.assess(document);
    const before = engine.memoryBytes();
    for (let i = 0; i < calls; i++) engine.assess(document);
    const after = engine.memoryBytes();
    return [
        row('heap before', mb(before)),
        row(`heap after ${calls} assess`, mb(after), 'flat (= before)', after === before),
    ];
}
