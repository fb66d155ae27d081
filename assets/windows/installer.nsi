; The Windows installer of Sonae, built by `make windows` with Debian's makensis:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSOURCE_DIR=<folder with the .exe files>
;            -DICON=assets/icons/icon.ico -DOUT_FILE=<installer path> assets/windows/installer.nsi
; Tauri's own NSIS bundler downloads a plugin on every run and cannot work offline, so the
; project keeps its own script.
;
; Installs for the current user only (no administrator): the programs go to
; %LOCALAPPDATA%\Programs\Sonae, a Start-menu entry and (when chosen) a desktop shortcut are made,
; and the uninstaller is listed in 「アプリと機能」. The company files and settings Sonae keeps in
; %APPDATA%\sonae are the user's and stay when Sonae is uninstalled.
;
; Japanese is the default language; English is used when Windows runs in English. `/S` installs
; and uninstalls silently.

!ifndef VERSION
  !error "pass the version: -DVERSION=x.y.z"
!endif
!ifndef SOURCE_DIR
  !error "pass the folder holding sonae.exe, sonae-cli.exe and WebView2Loader.dll: -DSOURCE_DIR=..."
!endif
!ifndef ICON
  !error "pass the app's icon: -DICON=assets/icons/icon.ico"
!endif
!ifndef OUT_FILE
  !error "pass the installer's path: -DOUT_FILE=..."
!endif

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define PRODUCT "備え（Sonae）"
!define PUBLISHER "Sonae"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Sonae"
; The WebView2 runtime (Evergreen) registers its version under this client id.
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/"

; The installer's own title: English pages may run where no Japanese font is installed.
Name "$(INSTALLER_NAME)"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\Sonae"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1041 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1041 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "FileDescription" "${PRODUCT} セットアップ"
VIAddVersionKey /LANG=1041 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1041 "LegalCopyright" "Sonae contributors, MIT licence"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(WELCOME_TEXT)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\sonae.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RUN_NOW)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default: Japanese unless Windows runs in English.
!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"

LangString INSTALLER_NAME ${LANG_JAPANESE} "${PRODUCT}"
LangString INSTALLER_NAME ${LANG_ENGLISH} "Sonae"
LangString WELCOME_TEXT ${LANG_JAPANESE} "${PRODUCT} ${VERSION} を、このパソコンのいまお使いのユーザー用にインストールします。管理者の権限は要りません。$\n$\nSonae は画面の表示に「Microsoft Edge WebView2 ランタイム」を使います。Windows 11 と、更新されている Windows 10 の多くには入っています。入っていないときは、インストールの終わりにお知らせします。$\n$\n会社ファイルと設定は、Sonae をアンインストールしても消えません。$\n$\n「次へ」をクリックして続けてください。"
LangString WELCOME_TEXT ${LANG_ENGLISH} "This installs Sonae ${VERSION} for the current user of this PC. No administrator rights are needed.$\n$\nSonae shows its window with the Microsoft Edge WebView2 Runtime, which Windows 11 and most up-to-date Windows 10 PCs have. If this PC lacks it, you will be told at the end of the installation.$\n$\nYour company files and settings stay when Sonae is uninstalled.$\n$\nClick Next to continue."
LangString SECTION_APP ${LANG_JAPANESE} "Sonae 本体（必須）"
LangString SECTION_APP ${LANG_ENGLISH} "Sonae (required)"
LangString SECTION_APP_DESC ${LANG_JAPANESE} "Sonae の画面とコマンドライン ツール、スタート メニューの項目。"
LangString SECTION_APP_DESC ${LANG_ENGLISH} "The Sonae window, its command-line tool and the Start menu entry."
LangString SECTION_DESKTOP ${LANG_JAPANESE} "デスクトップにショートカットを作る"
LangString SECTION_DESKTOP ${LANG_ENGLISH} "Put a shortcut on the desktop"
LangString SECTION_DESKTOP_DESC ${LANG_JAPANESE} "デスクトップに「${PRODUCT}」のショートカットを置きます。"
LangString SECTION_DESKTOP_DESC ${LANG_ENGLISH} "Puts a shortcut to Sonae on the desktop."
LangString RUN_NOW ${LANG_JAPANESE} "Sonae を開く"
LangString RUN_NOW ${LANG_ENGLISH} "Open Sonae"
LangString WEBVIEW2_FOUND ${LANG_JAPANESE} "WebView2 ランタイム：$R0"
LangString WEBVIEW2_FOUND ${LANG_ENGLISH} "WebView2 Runtime: $R0"
LangString WEBVIEW2_MISSING_LOG ${LANG_JAPANESE} "WebView2 ランタイムが見つかりません。${WEBVIEW2_PAGE} から入れてください。"
LangString WEBVIEW2_MISSING_LOG ${LANG_ENGLISH} "The WebView2 Runtime was not found; install it from ${WEBVIEW2_PAGE}"
LangString WEBVIEW2_MISSING ${LANG_JAPANESE} "Sonae のインストールは終わりましたが、このパソコンには「Microsoft Edge WebView2 ランタイム」が入っていません。Sonae の画面の表示に必要なもので、入れるまで Sonae は開きません。$\n$\nMicrosoft のページ（${WEBVIEW2_PAGE}）で「エバーグリーン ブートストラップ」（Evergreen Bootstrapper）をダウンロードして実行すると入ります（無料）。$\n$\n今そのページを開きますか？"
LangString WEBVIEW2_MISSING ${LANG_ENGLISH} "Sonae is installed, but this PC does not have the Microsoft Edge WebView2 Runtime, which Sonae needs to show its window: Sonae will not open until it is installed.$\n$\nOn Microsoft's page (${WEBVIEW2_PAGE}), download and run the Evergreen Bootstrapper to install it (free of charge).$\n$\nOpen that page now?"

; Sets $R0 to the WebView2 runtime's version, or to "" when no usable runtime is registered
; (per machine, 64- and 32-bit views, or for this user).
Function FindWebView2
  SetRegView 64
  ReadRegStr $R0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $R0 == ""
  ${OrIf} $R0 == "0.0.0.0"
    ReadRegStr $R0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $R0 == ""
  ${OrIf} $R0 == "0.0.0.0"
    ReadRegStr $R0 HKCU "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $R0 == "0.0.0.0"
    StrCpy $R0 ""
  ${EndIf}
FunctionEnd

Section "$(SECTION_APP)" SectionApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SOURCE_DIR}\sonae.exe"
  File "${SOURCE_DIR}\sonae-cli.exe"
  ; The window's WebView2 loader: the app loads it from its own folder.
  File "${SOURCE_DIR}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\sonae.exe"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\sonae.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ; In kilobytes, as 「アプリと機能」 reads it.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  Call FindWebView2
  ${If} $R0 != ""
    DetailPrint "$(WEBVIEW2_FOUND)"
  ${Else}
    DetailPrint "$(WEBVIEW2_MISSING_LOG)"
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(WEBVIEW2_MISSING)" /SD IDNO IDNO webview2_done
      ExecShell "open" "${WEBVIEW2_PAGE}"
    webview2_done:
  ${EndIf}
SectionEnd

Section /o "$(SECTION_DESKTOP)" SectionDesktop
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\sonae.exe"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SectionApp} "$(SECTION_APP_DESC)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SectionDesktop} "$(SECTION_DESKTOP_DESC)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; Removes the programs, the shortcuts and the uninstall entry. The company files and settings in
; %APPDATA%\sonae (and wherever the user saved company files) are left alone.
Section "Uninstall"
  Delete "$INSTDIR\sonae.exe"
  Delete "$INSTDIR\sonae-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
