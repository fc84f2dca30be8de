// A module that does not parse: start-up names it in one line.
module.exports = { workflows: [ defineWorkflow({ name: 'broken' ) ] };
