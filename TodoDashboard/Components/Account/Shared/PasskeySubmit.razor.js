// The passkey buttons of the account pages (PasskeySubmit.razor). On its button's click the element asks the app for
// WebAuthn options (with the page's antiforgery token), lets the browser create or find a passkey, and posts the
// answer with its form as <name>.CredentialJson, or a sentence as <name>.Error.
const supported =
    typeof navigator.credentials !== 'undefined' &&
    typeof window.PublicKeyCredential?.parseCreationOptionsFromJSON === 'function' &&
    typeof window.PublicKeyCredential?.parseRequestOptionsFromJSON === 'function';

class AppRefusedError extends Error {
    constructor(status) {
        super(`The app refused to start (${status}): reload the page and try again.`);
        this.name = 'AppRefusedError';
    }
}

async function fetchOptions(url, headers, signal) {
    const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, signal });
    if (!response.ok) {
        throw new AppRefusedError(response.status);
    }
    return await response.json();
}

// The browser's own messages name its internals; these say what the person can do.
function describe(error) {
    switch (error.name) {
        case 'NotAllowedError': return 'No passkey was used: it was cancelled, timed out, or this device has none for this site.';
        case 'InvalidStateError': return 'This device already holds a passkey for this account.';
        case 'SecurityError': return 'Passkeys need the app on https (or localhost) under its own name.';
        case 'AppRefusedError': return error.message;
        default: return supported ? 'The browser could not use a passkey.' : 'This browser cannot use passkeys: update it, or use another.';
    }
}

customElements.define('passkey-submit', class extends HTMLElement {
    static formAssociated = true;

    connectedCallback() {
        this.internals = this.attachInternals();
        this.internals.form?.addEventListener('submit', event => {
            if (event.submitter?.name === '__passkeySubmit') {
                event.preventDefault();
                this.obtainAndSubmit();
            }
        });
    }

    disconnectedCallback() {
        this.abortController?.abort();
    }

    async obtainCredential(signal) {
        if (!supported) {
            throw new Error('unsupported');
        }
        const headers = { [this.getAttribute('request-token-name')]: this.getAttribute('request-token-value') };
        if (this.getAttribute('operation') === 'Create') {
            const json = await fetchOptions('Account/PasskeyCreationOptions', headers, signal);
            return await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json), signal });
        }
        const json = await fetchOptions('Account/PasskeyRequestOptions', headers, signal);
        return await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json), signal });
    }

    async obtainAndSubmit() {
        this.abortController?.abort();
        this.abortController = new AbortController();
        const name = this.getAttribute('name');
        const data = new FormData();
        try {
            const credential = await this.obtainCredential(this.abortController.signal);
            data.append(`${name}.CredentialJson`, JSON.stringify(credential));
        } catch (error) {
            if (error.name === 'AbortError') {
                return;
            }
            data.append(`${name}.Error`, describe(error));
        }
        this.internals.setFormValue(data);
        this.internals.form.submit();
    }
});
