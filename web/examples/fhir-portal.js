// The portal example: RootCheck's FHIR Questionnaire rendered by LHC-Forms (a global `LForms` from the scripts the
// page loads), and the two ways answers come back: the form's QuestionnaireResponse assessed by RootCheck, and the
// widget's QuestionnaireResponse merged into the form.
import { createEngine } from '../api.js';

const form = document.getElementById('form');
const status = document.getElementById('form-result');
const responseView = document.getElementById('response');
const widget = document.querySelector('root-check');

const engine = await createEngine();
const questionnaire = await (await fetch(new URL('../dist/fhir/questionnaire-self-en.json', import.meta.url))).json();

await LForms.Util.addFormToPage(questionnaire, form, { fhirVersion: 'R4' });

function show(response) {
  responseView.textContent = JSON.stringify(response, null, 2);
}

document.getElementById('assess-form').addEventListener('click', () => {
  const response = LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', form);
  show(response);
  const answers = engine.fromFHIR(response);
  if (answers.error) {
    status.textContent = `RootCheck could not read the form: ${answers.error.message} (at ${answers.error.path})`;
    return;
  }
  const result = engine.assess(answers);
  status.textContent = result.error
    ? `RootCheck could not assess the answers: ${result.error.message}`
    : `${result.triage.title}. ${Object.keys(answers.answers).length} answers read from the form.`;
});

document.getElementById('widget-to-form').addEventListener('click', async () => {
  const response = widget.toFHIR();
  show(response);
  const merged = LForms.Util.mergeFHIRDataIntoLForms('QuestionnaireResponse', response,
    LForms.Util.convertFHIRQuestionnaireToLForms(questionnaire, 'R4'), 'R4');
  await LForms.Util.addFormToPage(merged, form, { fhirVersion: 'R4' });
  status.textContent = 'The widget\'s answers are in the form.';
});
