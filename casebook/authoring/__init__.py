"""What a trainer who writes content uses: reading YAML with its line numbers (yamlsource), checking
exercise fields (exercise_file), the checker over files and folders (checker) and the key-idea
coverage table (coverage). Every kind of file is found through casebook.kinds."""
