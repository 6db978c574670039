// Tells the server the system's colour scheme, so a page whose theme follows the system is painted right from its first
// render (the static sign-in pages have no circuit to ask the browser).
(function () {
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const remember = () => {
        document.cookie = "td-os-scheme=" + (query.matches ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
    };
    remember();
    query.addEventListener("change", remember);
})();
