// A stopping instance asks its pages to move (CircuitDrain): pause the circuit (the browser receives its persisted state)
// and resume it through the proxy on another instance, the page unchanged. If no instance takes it yet (all of them are
// restarting), keep trying for a minute: the state waits in the browser; only then reload.
//
// When the instance holding this page's circuit is gone (a crash, a kill, a restart) and the framework could not resume
// the circuit elsewhere, the reconnect handler reloads the page through the proxy onto a surviving instance. The view
// comes back from the address (search, filters, sort, page, selected run) and the data from the database; what cannot
// come back is text the user typed into a form and had not saved. This remembers which fields held such text, so the
// reloaded page can say so (CircuitFailover.razor) instead of silently showing them empty.
(function () {
    const key = "td-failover";
    const typed = new Set();
    document.addEventListener("input", event => {
        const field = event.target;
        if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
            typed.add(field);
        }
    }, true);
    // A button pressed beside a field (in its form, dialog or panel) used what the field held: adding a todo, starting
    // a job. Only text that no button has taken yet counts as unsaved.
    document.addEventListener("click", event => {
        const scope = event.target.closest && event.target.closest("button")?.closest("form, [role=dialog], .mud-paper");
        if (scope) {
            typed.forEach(field => scope.contains(field) && typed.delete(field));
        }
    }, true);

    const labelOf = field =>
        (field.labels && field.labels[0] && field.labels[0].textContent.trim())
        || field.getAttribute("aria-label") || field.placeholder || field.name || "a field";

    // Fields still on the page holding typed text that the address does not keep (those sit in [data-url-state]).
    const unsaved = () => [...typed]
        .filter(field => field.isConnected && field.type !== "hidden" && field.value.trim() !== ""
            && !field.closest("[data-url-state]"))
        .map(labelOf);

    const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
    const tryResume = async () => {
        try {
            return await Blazor.resumeCircuit();
        } catch {
            return false;
        }
    };

    async function moveCircuit() {
        // An open dialog is not circuit state: the moved page comes back without it. Say so, naming what it held.
        const dialog = document.querySelector("[role=dialog]");
        const inDialog = [...typed].filter(field => dialog && dialog.contains(field) && field.value.trim() !== "").map(field => `${labelOf(field)} (in the dialog)`);
        if (!await Blazor.pauseCircuit()) {
            return;
        }
        if (dialog) {
            remember(inDialog.length > 0 ? inDialog : ["an open dialog"]);
        }
        for (let attempt = 0; attempt < 60; attempt++) {
            if (await tryResume()) {
                return;
            }
            await sleep(1000);
        }
        remember(unsaved());
        location.reload();
    }

    const remember = fields =>
        sessionStorage.setItem(key, JSON.stringify({ unsaved: [...new Set(fields)] }));

    window.tdFailover = {
        // Called by CircuitDrain through the circuit: answer at once, then move (the call must not wait on the pause).
        move() {
            setTimeout(moveCircuit, 0);
        },
        // Called by the reconnect handler just before it reloads the page.
        remember() {
            remember(unsaved());
        },
        // How many circuits this document has had: 2 after a move (browser tests wait on it).
        circuits: 0,
        // Called once by every circuit the page gets: what to tell the user, or null when nothing moved.
        take() {
            window.tdFailover.circuits++;
            const saved = sessionStorage.getItem(key);
            sessionStorage.removeItem(key);
            return saved ? JSON.parse(saved) : null;
        },
    };
})();
