// Getting a result off the screen without any network: the clipboard (with a fallback for pages where the
// asynchronous Clipboard API is missing or refused) and a file download built from a Blob in memory.

// copyText(text, scratchHost) -> Promise<boolean>: true when the text reached the clipboard.
export async function copyText(text, scratchHost) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Refused (permissions, focus): fall through to the selection-based copy.
        }
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'scratch';
    scratchHost.append(area);
    area.select();
    let copied = false;
    try {
        copied = document.execCommand('copy');
    } catch {
        copied = false;
    }
    area.remove();
    return copied;
}

// downloadJson(filename, value, linkHost): saves value as pretty JSON through an object URL and a temporary link.
export function downloadJson(filename, value, linkHost) {
    const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/fhir+json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.className = 'scratch';
    linkHost.append(link);
    link.click();
    link.remove();
    // Give the browser time to start the download before the URL is released.
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
