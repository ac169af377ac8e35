// praxis answers script: saves typed answers in this browser only.
