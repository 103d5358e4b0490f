/* Capability tags with suggestions: progressive enhancement of a comma-separated text input.
   Every <input data-tag-suggest="/capabilities.json"> gets a list of matching vocabulary
   terms (Korean and English) for the word being typed; picking one completes that word. */
(function () {
  "use strict";

  function currentToken(value) {
    var parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function replaceToken(value, term) {
    var parts = value.split(",");
    parts[parts.length - 1] = " " + term;
    return parts.map(function (p) { return p.trim(); }).filter(Boolean).join(", ") + ", ";
  }

  function setup(input) {
    var url = input.getAttribute("data-tag-suggest");
    var lang = document.documentElement.lang === "en" ? "en" : "ko";
    var list = document.createElement("ul");
    list.className = "list-group tag-suggestions d-none";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.insertBefore(list, input.nextSibling);
    var timer = null;
    var seq = 0;

    function hide() { list.classList.add("d-none"); list.textContent = ""; }

    function choose(term) {
      input.value = replaceToken(input.value, term);
      hide();
      input.focus();
    }

    function show(items) {
      list.textContent = "";
      if (!items.length) { hide(); return; }
      items.forEach(function (item) {
        var primary = lang === "en" ? item.en : item.ko;
        var other = lang === "en" ? item.ko : item.en;
        var li = document.createElement("li");
        li.className = "list-group-item list-group-item-action";
        li.setAttribute("role", "option");
        li.tabIndex = -1;
        var strong = document.createElement("span");
        strong.textContent = primary;
        var small = document.createElement("small");
        small.className = "text-muted ms-2";
        small.textContent = other;
        li.appendChild(strong);
        li.appendChild(small);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(primary); });
        li.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); choose(primary); }
          if (event.key === "ArrowDown" && li.nextSibling) { li.nextSibling.focus(); }
          if (event.key === "ArrowUp") { (li.previousSibling || input).focus(); }
          if (event.key === "Escape") { hide(); input.focus(); }
        });
        list.appendChild(li);
      });
      list.classList.remove("d-none");
    }

    input.addEventListener("input", function () {
      var token = currentToken(input.value);
      clearTimeout(timer);
      if (!token) { hide(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(url + "?q=" + encodeURIComponent(token), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { capabilities: [] }; })
          .then(function (data) { if (mine === seq) { show(data.capabilities || []); } })
          .catch(hide);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && list.firstChild) { event.preventDefault(); list.firstChild.focus(); }
      if (event.key === "Escape") { hide(); }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (!list.contains(document.activeElement)) { hide(); }
      }, 100);
    });
  }

  document.querySelectorAll("input[data-tag-suggest]").forEach(setup);
})();
