// A misspelled event name must not type-check when its detail is used (tests/node/types.test.mjs expects tsc to
// fail here, on the line that reads `event.detail`).
import 'rootcheck/define';

document.querySelector('root-check')?.addEventListener('rootcheck-escalte', (event) => {
    console.log(event.detail.triage.level);
});
