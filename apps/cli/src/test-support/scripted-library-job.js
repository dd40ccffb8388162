// A library job (library-jobs.ts) whose behaviour a test scripts through the file names it is sent, to
// check what the parent does when a job dies: a file named *die-<code>* makes it exit with that code
// mid-file; a store named "refuse:<message>" makes it answer the start with a fatal error, as a real job
// does when its store cannot be opened; "silent" makes it exit before saying it is ready. Any other file
// gets a passing row naming the job's pid, so a test can see which files a replacement job ran.
'use strict';
process.on('message', (message) => {
  if (message.type === 'start') {
    if (message.store === 'silent') process.exit(9);
    if (message.store?.startsWith('refuse:')) return process.send({ type: 'fatal', message: message.store.slice('refuse:'.length) }, () => process.exit(2));
    process.send({ type: 'ready' });
  } else if (message.type === 'run') {
    const die = /die-(\d+)/.exec(message.file);
    if (die) {
      process.stderr.write(`dying on ${message.file}\n`);
      process.exit(Number(die[1]));
    }
    const summary = { phones: 1, expectations: 1, failedExpectations: 0, passed: true, warnings: 0, wallMs: 1 };
    process.send({ type: 'row', index: message.index, row: { file: message.file, summary, written: [`pid ${process.pid}`] } });
  } else if (message.type === 'stop') {
    process.disconnect();
  }
});
