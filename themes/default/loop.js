// praxis learning-loop script: progress, saving and loading all answers,
// and the "My action steps" page. It builds on answers.js, which runs first.
(function () {
  "use strict";
})();
