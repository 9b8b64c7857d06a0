"""What a trainer who writes content uses over every kind of it: the checker over files and folders
(checker) and the key-idea coverage table (coverage). Both find the kinds through casebook.kinds.registry."""
