// A host page's code against the package's types: the API, the element (by tag and by class), its properties,
// methods and the detail of each rootcheck-* event. tests/node/types.test.mjs compiles it and expects no error.
import { createEngine, type AssessResult } from 'rootcheck';
import 'rootcheck/define';
import { RootCheckElement } from 'rootcheck/element';

const engine = await createEngine();
const assessed = engine.assess({ answers: { leg_pain: 'yes' }, locale: 'en' });
const level: string = 'error' in assessed ? assessed.error.code : assessed.triage.level;

const widget = document.querySelector('root-check');
if (widget) {
    widget.mode = 'clinician';
    widget.emergencyNumber = '112';
    widget.rules = '/my-rules/';
    const mode: 'self' | 'clinician' = widget.mode;
    widget.addEventListener('rootcheck-escalate', (event) => {
        const result: AssessResult = event.detail;
        console.log(event.detail.triage.level, result.red_flags, level, mode);
    });
    widget.addEventListener('rootcheck-change', (event) => console.log(event.detail.next.screen, event.detail.answers));
    widget.addEventListener('rootcheck-error', (event) => console.log(event.detail.message.length));
    widget.reset();
    const answers = widget.answers();
    const restored = await widget.restore(answers);
    const fhir = widget.toFHIR();
    if ('ok' in restored && fhir && 'resourceType' in fhir) console.log(fhir.resourceType);
}
document.addEventListener('rootcheck-complete', (event) => console.log(event.detail.triage.title));

const made = document.createElement('root-check');
const same: RootCheckElement = made;
const defined = RootCheckElement.define('my-check');
if ('error' in defined) console.log(defined.error.message);
else console.log(new defined() instanceof RootCheckElement, same.result());
