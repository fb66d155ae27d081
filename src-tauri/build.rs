// The app's commands are declared once: as the `#[tauri::command]` functions of src/commands/.
// This build script reads them and makes everything else from that one declaration:
//
// - the handler list `lib.rs` includes (`$OUT_DIR/handlers.rs`);
// - one permission each (Tauri's app manifest) and the main window's capability granting exactly
//   them (`capabilities/main-window.json`);
// - the typed TypeScript client the UI calls (`ui/src/commands.ts`): argument names, argument and
//   result types, and each command's doc comment.
//
// The two generated files are committed; they are written only when their contents change, and
// `make lint` fails when a build changed them and they were not committed.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One command: where it is, what it takes from the window and what it answers.
struct Command {
    module: String,
    name: String,
    docs: Vec<String>,
    /// The arguments the window passes (not the session, the app handle or the window).
    args: Vec<(String, syn::Type)>,
    /// The answer, inside `CommandResult<…>` when it can fail.
    output: Option<syn::Type>,
}

fn main() {
    // Read when the script runs, not when it was compiled: a build script compiled in another
    // checkout (a shared target folder) would otherwise read and write that checkout's files.
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("src-tauri");
    let commands = read_commands(&dir.join("src/commands"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("handlers.rs"), handler_list(&commands)).expect("handlers.rs");
    write_if_changed(&dir.join("capabilities/main-window.json"), &capability(&commands));
    write_if_changed(&dir.join("../ui/src/commands.ts"), &typescript(&commands));

    let names: Vec<&'static str> = commands.iter().map(|c| &*Box::leak(c.name.clone().into_boxed_str())).collect();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice())));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}

fn read_commands(dir: &Path) -> Vec<Command> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/commands")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for file in files {
        let module = file.file_stem().and_then(|s| s.to_str()).expect("a module name").to_owned();
        let source = std::fs::read_to_string(&file).expect("a command module");
        let parsed = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for item in parsed.items {
            let syn::Item::Fn(function) = item else { continue };
            if !function.attrs.iter().any(|a| is_path(a.path(), &["tauri", "command"])) {
                continue;
            }
            commands.push(Command {
                module: module.clone(),
                name: function.sig.ident.to_string(),
                docs: docs(&function.attrs),
                args: function
                    .sig
                    .inputs
                    .iter()
                    .filter_map(|input| match input {
                        syn::FnArg::Typed(arg) => match (&*arg.pat, passed_by_window(&arg.ty)) {
                            (syn::Pat::Ident(ident), true) => Some((ident.ident.to_string(), (*arg.ty).clone())),
                            _ => None,
                        },
                        syn::FnArg::Receiver(_) => None,
                    })
                    .collect(),
                output: match &function.sig.output {
                    syn::ReturnType::Default => None,
                    syn::ReturnType::Type(_, ty) => Some(generic_inside(ty, "CommandResult").unwrap_or(ty).clone()),
                },
            });
        }
    }
    assert!(!commands.is_empty(), "no #[tauri::command] found in {}", dir.display());
    commands
}

fn is_path(path: &syn::Path, names: &[&str]) -> bool {
    path.segments.len() == names.len() && path.segments.iter().zip(names).all(|(s, n)| s.ident == n)
}

fn docs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Whether the argument comes from the window's call (not injected by Tauri).
fn passed_by_window(ty: &syn::Type) -> bool {
    let last = match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    !matches!(last.as_deref(), Some("State" | "AppHandle" | "Window" | "WebviewWindow" | "Webview"))
}

/// `T` of `Name<T>`.
fn generic_inside<'a>(ty: &'a syn::Type, name: &str) -> Option<&'a syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    args.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

fn handler_list(commands: &[Command]) -> String {
    let paths: Vec<String> = commands.iter().map(|c| format!("crate::commands::{}::{}", c.module, c.name)).collect();
    format!("tauri::generate_handler![\n    {},\n]\n", paths.join(",\n    "))
}

fn capability(commands: &[Command]) -> String {
    let permissions: Vec<String> = commands.iter().map(|c| format!("    \"allow-{}\"", c.name.replace('_', "-"))).collect();
    format!(
        "{{\n  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main-window\",\n  \
         \"description\": \"What the main window may do: only Sonae's own commands. No shell, no file system, no network. Generated by src-tauri/build.rs.\",\n  \
         \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}

fn typescript(commands: &[Command]) -> String {
    let mut used = std::collections::BTreeSet::new();
    let mut body = String::new();
    let mut module = "";
    for command in commands {
        if command.module != module {
            module = &command.module;
            let _ = writeln!(body, "\n  // {module}");
        }
        if !command.docs.is_empty() {
            let _ = writeln!(body, "  /** {} */", command.docs.join(" "));
        }
        let params: Vec<String> =
            command.args.iter().map(|(name, ty)| format!("{}: {}", camel(name), ts_type(ty, &mut used))).collect();
        let result = command.output.as_ref().map_or("null".to_owned(), |ty| ts_type(ty, &mut used));
        let names: Vec<String> = command.args.iter().map(|(name, _)| camel(name)).collect();
        let call = if names.is_empty() {
            format!("invoke<{result}>('{}')", command.name)
        } else {
            format!("invoke<{result}>('{}', {{ {} }})", command.name, names.join(", "))
        };
        let _ = writeln!(body, "  {}: ({}) =>\n    {call},", camel(&command.name), params.join(", "));
    }
    let imports: Vec<String> = used.into_iter().collect();
    format!(
        "// Generated by src-tauri/build.rs from the #[tauri::command] functions in src-tauri/src/commands/.\n\
         // Do not edit by hand: change the command and build.\n\
         import {{ invoke }} from '@tauri-apps/api/core';\n\
         import type {{\n  {},\n}} from './bindings';\n\n\
         export const commands = {{{body}}};\n",
        imports.join(",\n  ")
    )
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript of a Rust type the commands take or answer; the domain types by their names in
/// `ui/src/bindings.ts` (the two renamed there included).
fn ts_type(ty: &syn::Type, used: &mut std::collections::BTreeSet<String>) -> String {
    match ty {
        syn::Type::Reference(r) => ts_type(&r.elem, used),
        syn::Type::Tuple(t) if t.elems.is_empty() => "null".into(),
        syn::Type::Path(p) => {
            let last = p.path.segments.last().expect("a type name");
            let inner = |used: &mut std::collections::BTreeSet<String>| {
                let syn::PathArguments::AngleBracketed(args) = &last.arguments else { panic!("{} without <T>", last.ident) };
                args.args
                    .iter()
                    .filter_map(|a| match a {
                        syn::GenericArgument::Type(t) => Some(ts_type(t, used)),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            };
            match last.ident.to_string().as_str() {
                "String" | "str" | "PathBuf" | "Path" => "string".into(),
                "bool" => "boolean".into(),
                "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "f32" | "f64" => {
                    "number".into()
                }
                "Option" => {
                    let t = inner(used).remove(0);
                    if t.contains(' ') {
                        format!("({t}) | null")
                    } else {
                        format!("{t} | null")
                    }
                }
                "Vec" => {
                    let t = inner(used).remove(0);
                    if t.contains(' ') {
                        format!("({t})[]")
                    } else {
                        format!("{t}[]")
                    }
                }
                "BTreeMap" | "HashMap" => {
                    let kv = inner(used);
                    format!("Record<{}, {}>", kv[0], kv[1])
                }
                name => {
                    let name = match name {
                        "Document" => "DocumentKind",
                        other => other,
                    };
                    used.insert(name.to_owned());
                    name.to_owned()
                }
            }
        }
        _ => panic!("a command argument or answer of a kind the generator does not know"),
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
